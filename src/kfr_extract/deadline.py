"""A time limit on a block of code, for `--timeout`, on any thread.

On a Unix main thread (the CLI, a `--workers` process) the limit is a SIGALRM timer.
Elsewhere (a Dask worker runs tasks on its own threads, where signals cannot be
delivered) a timer thread raises the same exception in the working thread, with
CPython's `PyThreadState_SetAsyncExc`. Both land between two Python bytecodes, so a
long call inside C code is cut when it returns, not in the middle of it.
"""

from __future__ import annotations

import ctypes
import math
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kfr_extract.errors import DocumentTimeout

# Longer than any run (about 31 years): a larger or infinite limit means no limit
# (setitimer refuses values beyond the platform's time_t).
LONGEST = 1e9


def effective(seconds: float | None) -> float | None:
    """The limit to apply: None for none (None, 0, negative, infinite or beyond `LONGEST`)."""
    if seconds is None or not seconds > 0 or math.isinf(seconds) or seconds > LONGEST:
        return None
    return float(seconds)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in the block after `seconds` (None: no limit)."""
    limit = effective(seconds)
    if limit is None:
        yield
    elif hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(limit):
            yield
    else:
        with _thread_timer(limit):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _on_alarm(signum: int, frame: Any) -> None:
    raise DocumentTimeout()


@contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    """A timer thread that raises DocumentTimeout in this thread unless the block ends first.

    The lock makes "the block ended" and "the timer fired" exclusive; an exception
    scheduled but not yet delivered when the block ends is withdrawn.
    """
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"ended": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["ended"]:
                state["fired"] = True
                _raise_in(target, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["ended"] = True
            if state["fired"]:
                _raise_in(target, None)


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule `exception` in the thread (None withdraws one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)
