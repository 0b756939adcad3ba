"""A guard for tests of inputs that once took minutes: the call must return within a
generous bound (not a speed measurement: benchmarks/pathological.py prints the figures)."""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def finishes_within(seconds: float, call: Callable[[], T]) -> T:
    """``call()``, failing the test if it runs past ``seconds`` (an exponential or
    quadratic path on a hostile input); without SIGALRM (Windows) the call just runs."""
    if not hasattr(signal, "setitimer"):
        return call()

    def expire(signum, frame):  # noqa: ARG001
        raise TimeoutError(f"still running after {seconds} s: a path that is not linear in its input")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
