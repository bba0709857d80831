"""`cdsplan render`: plans as documents, Markdown or Word (DOCX), from templates users can change.

    build_context(plans, registry, occurrences) -> the plans as issued (context.py)
    report_context(project, plans, ask, …)      -> the progress report (report.py), built when used
    render_markdown / render_docx(template, …)  -> the document (templates.py)
    render(target, template=…, fmt=…, …)        -> Rendered: the command

The plans come through the Project, which refuses a plan that `check` rejects. Every template
sees the plans and, built only if it asks, `report`: the progress report for the question the
command was given (its window, day and agencies: `cdsplan due`'s).
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..files import display, write_output
from ..i18n import _
from ..model.plan import Plan
from ..project import Project
from ..settings import Settings
from .charts import Gallery, Picture
from .context import build_context
from .layout import Setter
from .office import WriterOptions, writer
from .report import Ask, LazyReport, report_context
from .templates import DEFAULT_TEMPLATE, find_template, render_docx, render_markdown
from .words import date_long, date_short


@dataclass(slots=True)
class Rendered:
    """What `cdsplan render` produced: Markdown for standard output, or the files it wrote."""

    text: str | None = None
    written: list[Path] = field(default_factory=list)


def select_plans(target: str | None, settings: Settings) -> tuple[Project, list[Plan], str]:
    """The project and the plans TARGET names (a plan id, a plan file, a year, a folder; None:
    every plan of the project), and a name for the default output file. Plans that do not pass
    `check` are refused. A plan id or a year is read in the whole project, as `cdsplan due`
    reads it (amendments and successions from other files apply)."""
    # translators: fills {action} in "{action}: {files} does not pass `cdsplan check`; fix these first:"
    action = _("cannot render")
    path = Path(target) if target is not None and _is_path(target) else None
    if path is not None:
        project = Project.open(settings, [path])
        base = path.stem if path.is_file() else (path.resolve().name or "plans")
        scope = [item.path for item in project.index.files if item.kind == "plan"]
    elif target is not None and re.fullmatch(r"\d{4}", target):
        folder = settings.plans / target
        if not folder.is_dir():
            raise UsageError(_("no plans for {year}: there is no folder {folder}").format(year=target, folder=display(folder)))
        project = Project.open(settings)
        base = f"ke-hoach-{target}"
        inside = folder.resolve()
        scope = [item.path for item in project.index.files if item.kind == "plan" and inside in Path(item.path).resolve().parents]
    else:
        if not settings.plans.is_dir():
            raise UsageError(
                _("{target!r} is not a file, a folder or a year, and there is no plans folder {folder} to find a plan id in").format(
                    target=target, folder=display(settings.plans)
                )
            )
        project = Project.open(settings)
        if target is None:
            scope = [item.path for item in project.index.files if item.kind == "plan"]
            base = "ke-hoach"
        else:
            scope = [project.plan_file(target)]
            base = target
    plans = project.plans_in(scope, action=action)
    if not plans:
        raise UsageError(_("no plans in {target}").format(target=target or display(settings.plans)))
    if len(plans) == 1:
        base = plans[0].id
    return project, plans, base


def _is_path(target: str) -> bool:
    """Whether target names a file or folder that exists. A name the system cannot look up (too
    long: ENAMETOOLONG; a part that is a file; a folder we may not enter) is not one: it is then
    taken as a plan id, and one that no plan has is the usual 'no plan' usage error."""
    try:
        return Path(target).exists()
    except (OSError, ValueError):  # ValueError: a NUL in the name
        return False


def render(
    target: str | None,
    *,
    template: str | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    as_of: dt.date | None = None,
    window: tuple[dt.date, dt.date] | None = None,
    agencies: tuple[str, ...] = (),
    include_units: bool = False,
    sender: WriterOptions | None = None,
    settings: Settings,
) -> Rendered:
    """`cdsplan render TARGET`: a plan (id or file), a year's plans or a folder's, through a
    template, to Markdown (standard output unless -o) or DOCX (-o, default <plan-id>.docx).
    window, agencies and include_units ask the report's question (default: the month of as_of,
    every agency); they are refused for a template that does not print the report."""
    if fmt is None and output is not None and not (template and Path(template).is_file()):
        fmt = {".docx": "docx", ".md": "md"}.get(output.suffix.lower())
    template_path, found_fmt = find_template(template, fmt, settings.templates)
    project, plans, base = select_plans(target, settings)
    as_of = as_of or dt.date.today()
    if window is None:
        from ..schedule.due import month_window

        start, end = month_window(as_of.year, as_of.month)
    else:
        start, end = window
    years = {plan.first_year for plan in plans}
    title = None if len(plans) == 1 else (f"Các kế hoạch năm {years.pop()}" if len(years) == 1 else "Các kế hoạch")
    docx = found_fmt == "docx"
    setter = Setter(docx)
    gallery = Gallery()
    context: dict[str, Any] = build_context(plans, project.registry, project.occurrences(), title=title, docx=docx)
    ask = Ask(start, end, as_of, agencies, include_units)
    who = writer(settings, sender or WriterOptions(), project.registry, [plan.issuer for plan in plans])
    report = LazyReport(lambda: report_context(project, plans, ask, setter=setter, gallery=gallery, writer=who))
    context.update(
        report=report,
        as_of=as_of,
        as_of_text=date_short(as_of),
        as_of_long=date_long(as_of),
    )
    stem = template_path.name.split(".")[0]
    asked = window is not None or bool(agencies) or include_units

    def unused() -> None:
        if asked and not report.used:
            raise UsageError(
                _(
                    "--month, --from, --to and --agency ask the progress report's question, which template {template} does not print: use --template report"
                ).format(template=display(template_path))
            )

    if docx:
        data = render_docx(template_path, context, seconds=settings.template_seconds, gallery=gallery)
        unused()
        path = output or Path(f"{base}.docx" if stem == DEFAULT_TEMPLATE else f"{base}-{stem}.docx")
        write_output(path, data, default_name=f"{base}.docx")
        return Rendered(None, [path])

    attachments: dict[Path, bytes] = {}

    def address(picture: Picture) -> str:
        if output is None:
            return "data:image/svg+xml;base64," + base64.b64encode(picture.data("svg")).decode("ascii")
        name = f"{output.name.split('.')[0]}.{picture.name}.svg"
        attachments[output.parent / name] = picture.data("svg")
        return "<" + urllib.parse.quote(name) + ">"

    gallery.sink = address
    try:
        text = render_markdown(template_path, context, seconds=settings.template_seconds)
    finally:
        gallery.sink = None
    unused()
    if output is None:
        return Rendered(text, [])
    write_output(output, text.encode("utf-8"), default_name=f"{base}.md")
    for path, data in attachments.items():
        write_output(path, data)
    return Rendered(None, [output, *attachments])
