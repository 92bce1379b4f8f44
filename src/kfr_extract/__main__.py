"""`python -m kfr_extract` and the `kfr-extract` command.

Before anything heavy is imported: the standard streams are made safe (a closed
stderr must not stop the records), and a Ctrl-C while spaCy loads ends quietly.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130
_interrupted = False


def ensure_std_streams() -> None:
    """Point a closed fd 0, 1 or 2 at /dev/null (`2>&-`).

    Otherwise the next file opened would get that number, and messages meant for
    stderr would land in it; and sys.stderr would be None, which breaks every print.
    """
    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, mode)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stderr is None:
        sys.stderr = open(2, "w", closefd=False, errors="backslashreplace")  # noqa: SIM115


def _on_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """Python's own Ctrl-C behaviour, remembered: a KeyboardInterrupt raised inside a
    compiled extension's import can be cleared there and lost."""
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def main() -> None:
    ensure_std_streams()
    signal.signal(signal.SIGINT, _on_ctrl_c)
    try:
        from kfr_extract.cli import app

        if _interrupted:  # pressed during the imports, and swallowed by one of them
            raise KeyboardInterrupt
        app()
    except KeyboardInterrupt:  # before the command's own handler is in place
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
