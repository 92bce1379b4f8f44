"""`python -m kfr_extract` and the `kfr-extract` command.

Before anything heavy is imported: the standard streams are made safe (a closed
stderr must not stop the records), and a Ctrl-C while spaCy loads ends quietly.
"""

from __future__ import annotations

import os
import sys

EXIT_INTERRUPTED = 130


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


def main() -> None:
    ensure_std_streams()
    try:
        from kfr_extract.cli import app

        app()
    except KeyboardInterrupt:  # before the command's own handler is in place
        sys.stderr.write("interrupted\n")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
