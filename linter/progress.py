"""Progress on stderr for corpus runs (documents, MB, docs/s, ETA), on a terminal only."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.text import Text


class _Rate(ProgressColumn):
    """Documents and megabytes done, and documents per second."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        docs = task.fields.get("docs", 0)
        rate = docs / elapsed if elapsed > 0 else 0.0
        mb = task.completed / 1e6
        return Text(f"{docs:,} docs  {mb:,.1f} MB  {rate:,.0f} docs/s", style="progress.data.speed")


class Tracker:
    """Counts documents and bytes for one phase; silent unless shown on a terminal."""

    def __init__(self, progress: Progress | None, label: str, total_bytes: int | None) -> None:
        self.progress = progress
        self.docs = 0
        self.task = progress.add_task(label, total=total_bytes, docs=0) if progress else None
        self.started = time.monotonic()

    def advance(self, docs: int, size: int) -> None:
        self.docs += docs
        if self.progress is not None:
            self.progress.update(self.task, advance=size, docs=self.docs)


@contextmanager
def progress(enabled: bool) -> Iterator[Progress | None]:
    """A rich progress display on stderr when ``enabled`` and stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    display = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        _Rate(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with display:
        yield display
