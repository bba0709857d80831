"""`cdsplan render`: plans as documents, Markdown or Word (DOCX), from templates users can change.

    build_context(plans, registry, occurrences, as_of=…) -> plain data (context.py)
    render_markdown / render_docx(template, context)     -> the document (templates.py)
    render(target, template=…, fmt=…, …)                 -> Rendered: the command

The plans come through the Project, which refuses a plan that `check` rejects.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..files import display, write_output
from ..i18n import _
from ..model.plan import Plan
from ..project import Project
from ..settings import Settings
from .context import Picture, build_context
from .templates import DEFAULT_TEMPLATE, find_template, render_docx, render_markdown


@dataclass(slots=True)
class Rendered:
    """What `cdsplan render` produced: Markdown for standard output, or the files it wrote."""

    text: str | None = None
    written: list[Path] = field(default_factory=list)


def select_plans(target: str, settings: Settings) -> tuple[Project, list[Plan], str]:
    """The project and the plans TARGET names (a plan id, a plan file, a year, a folder), and a
    name for the default output file. Plans that do not pass `check` are refused."""
    # translators: fills {action} in "{action}: {files} does not pass `cdsplan check`; fix these first:"
    action = _("cannot render")
    path = Path(target)
    if path.exists():
        project = Project.open(settings, [path])
        base = path.stem if path.is_file() else (path.resolve().name or "plans")
        scope = [item.path for item in project.index.files if item.kind == "plan"]
    elif re.fullmatch(r"\d{4}", target):
        folder = settings.plans / target
        if not folder.is_dir():
            raise UsageError(_("no plans for {year}: there is no folder {folder}").format(year=target, folder=display(folder)))
        project = Project.open(settings, [folder])
        base = f"ke-hoach-{target}"
        scope = [item.path for item in project.index.files if item.kind == "plan"]
    else:
        if not settings.plans.is_dir():
            raise UsageError(
                _("{target!r} is not a file, a folder or a year, and there is no plans folder {folder} to find a plan id in").format(
                    target=target, folder=display(settings.plans)
                )
            )
        project = Project.open(settings)
        scope = [project.plan_file(target)]
        base = target
    plans = project.plans_in(scope, action=action)
    if not plans:
        raise UsageError(_("no plans in {target}").format(target=target))
    if len(plans) == 1:
        base = plans[0].id
    return project, plans, base


def render(
    target: str,
    *,
    template: str | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    as_of: dt.date | None = None,
    settings: Settings,
) -> Rendered:
    """`cdsplan render TARGET`: a plan (id or file), a year's plans or a folder's, through a
    template, to Markdown (standard output unless -o) or DOCX (-o, default <plan-id>.docx)."""
    if fmt is None and output is not None and not (template and Path(template).is_file()):
        fmt = {".docx": "docx", ".md": "md"}.get(output.suffix.lower())
    template_path, found_fmt = find_template(template, fmt, settings.templates)
    project, plans, base = select_plans(target, settings)
    as_of = as_of or dt.date.today()
    years = {plan.first_year for plan in plans}
    title = None if len(plans) == 1 else (f"Các kế hoạch năm {years.pop()}" if len(years) == 1 else "Các kế hoạch")
    context = build_context(plans, project.registry, project.occurrences(), as_of=as_of, title=title)
    picture: Picture = context["timeline"]
    stem = template_path.name.split(".")[0]
    if found_fmt == "docx":
        data = render_docx(template_path, context, seconds=settings.template_seconds)
        path = output or Path(f"{base}.docx" if stem == DEFAULT_TEMPLATE else f"{base}-{stem}.docx")
        write_output(path, data, default_name=f"{base}.docx")
        return Rendered(None, [path])

    attachments: dict[Path, bytes] = {}

    def address(picture: Picture) -> str:
        if output is None:
            return "data:image/svg+xml;base64," + base64.b64encode(picture.data("svg")).decode("ascii")
        name = f"{output.name.split('.')[0]}.timeline.svg"
        attachments[output.parent / name] = picture.data("svg")
        return "<" + urllib.parse.quote(name) + ">"

    picture.place_with(address)
    try:
        text = render_markdown(template_path, context, seconds=settings.template_seconds)
    finally:
        picture.place_with(None)
    if output is None:
        return Rendered(text, [])
    write_output(output, text.encode("utf-8"), default_name=f"{base}.md")
    for path, data in attachments.items():
        write_output(path, data)
    return Rendered(None, [output, *attachments])
