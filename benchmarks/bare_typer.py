"""A bare typer app with cdsplan's command names, each a no-op: the start-up floor.

`python benchmarks/bare_typer.py check` costs the interpreter, typer's import and
click's parsing, nothing else; `python benchmarks/bare_typer.py --help` adds
typer's help rendering. benchmarks/run.py measures cdsplan against both.
"""

import typer

app = typer.Typer(
    name="cdsplan",
    help="Vietnam's digital-transformation plans (chuyển đổi số) as YAML in git.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.command()
def check() -> None:
    """Validate plans: every problem as file:line:col, exit 1 when there are any."""


@app.command()
def schema() -> None:
    """Print the JSON Schema of plan files, for editors (yaml-language-server) and other tools."""


@app.command()
def when() -> None:
    """Explain how a deadline text is read: its windows, and days off it falls on."""


@app.command()
def due() -> None:
    """What falls due in a month (or --from/--to) and what is overdue, per lead agency."""


@app.command()
def tasks() -> None:
    """Every task, milestone and target occurrence with its resolved window, whatever its date."""


@app.command()
def render() -> None:
    """Render a plan as Markdown or as the DOCX document offices expect."""


@app.command()
def status() -> None:
    """Record a task's progress in its plan file: only its status lines change, atomically."""


@app.command()
def diff() -> None:
    """What changed in the plans between git revisions: tasks added, removed, re-worded, re-assigned, deadlines moved."""


if __name__ == "__main__":
    app()
