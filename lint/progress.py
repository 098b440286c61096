"""A progress bar for long folder runs, on a terminal only (never in pipes or CI).

The bar is drawn on standard error. The report is never drawn through it (rich's
``redirect_stdout`` would send it to standard error, wrapped to the terminal's width and
highlighted): the caller shows the bar only while the report goes elsewhere (a file, a
pipe). gwlint's own notes on standard error are printed above the bar."""

from __future__ import annotations


def progress(iterable, total: int, *, enabled: bool):
    if not enabled:
        yield from iterable
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                  redirect_stdout=False) as bar:
        task = bar.add_task("gwlint", total=total)
        for item in iterable:
            yield item
            bar.advance(task)
