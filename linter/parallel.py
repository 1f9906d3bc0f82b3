"""An ordered, bounded process-pool map: results come back in input order, and at most a few
tasks per worker are in flight, so a stream of documents is never read into memory at once."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_STATE: dict[str, Any] = {}


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _init(state: dict[str, Any]) -> None:
    _STATE.clear()
    _STATE.update(state)


def worker_state() -> dict[str, Any]:
    """What the pool's initializer gave this worker (the same dict in-process with one job)."""
    return _STATE


def batched(
    items: Iterable[T], size: Callable[[T], int], count: int = 32, max_bytes: int = 1 << 20
) -> Iterator[list[T]]:
    """Consecutive items in lists of at most ``count`` items and about ``max_bytes`` (by
    ``size``): one submission to the pool per list, not per small file."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += size(item)
        if len(chunk) >= count or total >= max_bytes:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int,
    state: dict[str, Any],
    window: int = 4,
) -> Iterator[R]:
    """``map(func, items)`` over ``jobs`` processes, in order, with ``state`` set in each worker.

    ``func`` must be a module-level function; it reads the shared state with ``worker_state()``.
    """
    if jobs <= 1:
        _init(state)
        yield from map(func, items)
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_init, initargs=(state,)
    ) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) >= jobs * window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
