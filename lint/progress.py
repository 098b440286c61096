"""A progress bar for long folder runs, on a terminal only (never in pipes or CI)."""

from __future__ import annotations


def progress(iterable, total: int, *, enabled: bool):
    if not enabled:
        yield from iterable
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("gwlint", total=total)
        for item in iterable:
            yield item
            bar.advance(task)
