"""Templates: finding them, running them sandboxed, and saying where they broke.

    render_markdown(template, context)  -> str   (templates/*.md.j2, Jinja)
    render_docx(template, context)      -> bytes (templates/*.docx, docxtpl: Jinja inside Word)

Templates run in a sandboxed Jinja environment and never see the model objects, only the
context's plain data; every `{{ … }}` is escaped for the format (see escape.py). A value the
template wants as-is (Markdown it builds itself) is marked `|safe`.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CdsplanError, UsageError
from ..i18n import _
from ..text import did_you_mean
from .charts import Gallery, Picture
from .escape import docx_escape, finalizer, join_filter, md_escape, visible_blanks
from .words import date_long, date_short

T = TypeVar("T")

FORMATS = ("md", "docx")
DEFAULT_TEMPLATE = "plan"


def _shown(path: Path) -> str:
    from ..files import display

    return display(path)


def builtin_template(file_name: str) -> Path:
    """A template shipped with cdsplan, used where the project's templates/ lacks one."""
    from importlib.resources import files

    try:
        shipped = files("cdsplan.templates")
    except ModuleNotFoundError:  # a source checkout (editable install): templates/ beside src/
        shipped = Path(__file__).resolve().parents[3] / "templates"
    return Path(str(shipped.joinpath(file_name)))


def find_template(name: str | None, fmt: str | None, templates: Path) -> tuple[Path, str]:
    """The template file and the format it renders: a path as given, or a name in templates/
    ('plan', 'summary', 'plan.docx', …)."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: choose md or docx")
    name = name or DEFAULT_TEMPLATE
    as_path = Path(name)
    if as_path.is_file():
        found_fmt = "docx" if as_path.suffix.lower() == ".docx" else "md"
        if fmt is not None and fmt != found_fmt:
            raise UsageError(f"template {name} renders {found_fmt}, not {fmt}: drop --format or pick a {fmt} template")
        return as_path, found_fmt
    if as_path.is_dir():
        raise UsageError(f"template {name} is a folder, not a template file")
    if os.sep in name or "/" in name:
        raise UsageError(f"no template file {name}")
    candidates: list[tuple[str, str]] = []
    if name.endswith(".docx"):
        candidates = [(name, "docx")]
    elif name.endswith(".j2"):
        candidates = [(name, "md")]
    else:
        for wanted in (fmt,) if fmt else FORMATS:
            candidates += [(f"{name}.md.j2", "md"), (f"{name}.j2", "md")] if wanted == "md" else [(f"{name}.docx", "docx")]
    for file_name, found_fmt in candidates:
        path = templates / file_name
        if not path.is_file():
            path = builtin_template(file_name)
        if path.is_file():
            if fmt is not None and fmt != found_fmt:
                raise UsageError(f"template {_shown(path)} renders {found_fmt}, not {fmt}")
            return path, found_fmt
    known = sorted(p.name for p in templates.glob("*") if p.is_file() and p.suffix in (".j2", ".docx")) if templates.is_dir() else []
    stems = sorted({known_name.split(".")[0] for known_name in known})
    stem = name.split(".")[0]
    hint = did_you_mean(stem, stems) if stems and stem not in stems else ""
    where = _shown(templates) + "/"
    listing = f" (there: {', '.join(known)})" if known else " (the folder has no templates)"
    wanted = f" for --format {fmt}" if fmt else ""
    raise UsageError(f"no template {name!r}{wanted} in {where}{listing}{hint}")


def _environment(*, docx: bool) -> Any:
    from jinja2 import StrictUndefined, Template
    from markupsafe import Markup

    from .sandbox import LimitedEnvironment, capped

    class CappedTemplate(Template):
        """Renders through `capped`: a template cannot write more than MAX_OUTPUT characters."""

        def render(self, *args: Any, **kwargs: Any) -> str:
            context = self.new_context(dict(*args, **kwargs))
            try:
                return capped(self.root_render_func(context))
            except Exception:
                self.environment.handle_exception()

    environment = LimitedEnvironment(
        autoescape=True,  # macros and |safe give Markup, which finalize leaves alone
        finalize=finalizer(docx_escape if docx else md_escape),
        undefined=StrictUndefined,
        loader=None,  # templates see no files
        keep_trailing_newline=True,
        trim_blocks=not docx,
        lstrip_blocks=not docx,
    )
    environment.template_class = CappedTemplate
    environment.filters["join"] = join_filter(docx_escape if docx else md_escape)
    environment.filters["md"] = lambda value: Markup(md_escape(value))
    environment.filters["blanks"] = visible_blanks
    environment.filters["date_short"] = date_short
    environment.filters["date_long"] = date_long
    return environment


def _template_error(
    shown: str, exc: BaseException, lines: Callable[[int], str] | None = None, *, message: str | None = None
) -> CdsplanError:
    """'templates/x.md.j2:12: message' from a Jinja error (its line, or the template frame
    of the traceback for errors raised while rendering); message in place of the error's own."""
    from jinja2 import TemplateSyntaxError

    line = exc.lineno if isinstance(exc, TemplateSyntaxError) else None
    if line is None:
        traceback = exc.__traceback__
        while traceback is not None:
            code = traceback.tb_frame.f_code
            if code.co_filename.endswith((".j2", ".docx", "<template>")) or code.co_filename == shown:
                line = traceback.tb_lineno
            traceback = traceback.tb_next
    message = message or getattr(exc, "message", None) or str(exc) or type(exc).__name__
    message = " ".join(message.split())
    if "no loader for this environment" in message:
        message = _("templates see no files: `include`, `import` and `extends` are not available; put what you need in the template itself")
    near = f" (near: {lines(line)!r})" if lines and line else ""
    where = f"{shown}:{line}" if line else shown
    error = CdsplanError(f"{where}: {message}{near}")
    error.exit_code = getattr(exc, "exit_code", CdsplanError.exit_code)  # a UsageError from inside stays one
    return error


def _exhausted(shown: str, exc: BaseException, lines: Callable[[int], str] | None = None) -> CdsplanError:
    """A template that recursed past Python's stack or ran out of memory, said as a template
    error at its line (the traceback of a RecursionError is never shown)."""
    if isinstance(exc, RecursionError):
        message = _("calls nested too deeply (a macro that calls itself without end?): the template was stopped")
    else:
        message = _("the template needs more memory than there is: it was stopped")
    return _template_error(shown, exc, lines, message=message)


def render_markdown(template: Path, context: dict[str, Any], *, seconds: float = 30.0) -> str:
    """The Markdown a .md.j2 template makes of context."""
    from jinja2 import TemplateError

    shown = _shown(template)
    environment = _environment(docx=False)
    try:
        source = _read_template(template).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(_("{file}: the template is not UTF-8: save it as UTF-8").format(file=shown)) from None
    try:
        compiled = environment.from_string(source)
        compiled.filename = str(template)
        compiled.name = shown
    except TemplateError as exc:
        raise _template_error(shown, exc) from None
    return str(_run_guarded(shown, lambda: compiled.render(context), seconds))


def _run_guarded(shown: str, work: Callable[[], T], seconds: float, lines: Callable[[], Callable[[int], str] | None] = lambda: None) -> T:
    """work() under the time limit, whatever goes wrong in it said as one template error at its
    line (lines: how to quote the template's lines, known once the work has begun)."""
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError

    from .sandbox import run_limited

    try:
        return run_limited(work, limit=seconds)
    except (RecursionError, MemoryError) as exc:
        raise _exhausted(shown, exc, lines()) from None
    except CdsplanError as exc:  # a limit: at the template's line when it was inside the template
        raise _template_error(shown, exc, lines()) from None
    except (
        TemplateError,
        SecurityError,
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
        IndexError,
        ZeroDivisionError,
        OverflowError,
    ) as exc:
        raise _template_error(shown, exc, lines()) from None


def _read_template(template: Path) -> bytes:
    """A template's bytes, read as any file cdsplan reads: a regular file of at most 20 MB."""
    from ..files import FileProblem, read_regular

    try:
        return read_regular(template, max_bytes=20_000_000)
    except FileProblem as exc:
        raise UsageError(str(exc)) from None


# What the parts of a Word template may hold once inflated: the shipped templates are under a
# megabyte, a report with pictures a few; a zip bomb is gigabytes. The sizes the archive
# declares are added up first, and the parts are then inflated a chunk at a time, counted, and
# dropped (an archive that lies about its sizes is stopped at the limit too).
MAX_DOCX_INFLATED = 50_000_000


def _refuse_zip_bomb(data: bytes, shown: str) -> None:
    import zipfile
    import zlib

    def bomb(size: int) -> UsageError:
        return UsageError(
            _("{file}: the Word template inflates to {size:,} bytes or more, over the limit of {limit:,}: it was not read").format(
                file=shown, size=size, limit=MAX_DOCX_INFLATED
            )
        )

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not an archive: DocxTemplate says it is not a Word document
    declared = sum(entry.file_size for entry in entries)
    if declared > MAX_DOCX_INFLATED:
        raise bomb(declared)
    inflated = 0
    try:
        for entry in entries:
            with archive.open(entry) as part:
                while chunk := part.read(1 << 20):
                    inflated += len(chunk)
                    if inflated > MAX_DOCX_INFLATED:
                        raise bomb(inflated)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError, zlib.error) as exc:
        raise UsageError(f"{shown}: not a Word document (.docx) that can be read: {exc}") from None


def _docx_lines(xml: str) -> Callable[[int], str]:
    def text(line: int) -> str:
        rows = xml.splitlines()
        return re.sub(r"<[^>]+>", "", rows[line - 1]).strip()[:80] if 0 < line <= len(rows) else ""

    return text


def render_docx(template: Path, context: dict[str, Any], *, seconds: float = 30.0, gallery: Gallery | None = None) -> bytes:
    """The Word document a docxtpl template makes of context; the gallery's pictures are
    inserted as images fitted to the page."""
    import warnings

    shown = _shown(template)
    with warnings.catch_warnings():
        # docxtpl's own imports; nothing of ours is hidden
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"docxtpl(\..*)?$")
        from docx.shared import Mm
        from docxtpl import DocxTemplate, InlineImage

    data = _read_template(template)
    _refuse_zip_bomb(data, shown)
    try:
        document = DocxTemplate(io.BytesIO(data))
        document.init_docx()
    except Exception as exc:  # python-docx raises PackageNotFoundError, BadZipFile, KeyError, lxml errors…
        raise UsageError(f"{shown}: not a Word document (.docx) that can be read: {exc}") from None

    def place(picture: Picture) -> str:
        png = picture.data("png")
        width, height = _png_size(png)
        max_width, max_height = 160.0, 240.0  # mm: inside an A4 page's margins
        scale = min(1.0, max_width / width, max_height / height)
        return str(InlineImage(document, io.BytesIO(png), width=Mm(width * scale), height=Mm(height * scale)).__html__())

    if gallery is not None:
        gallery.sink = place
    environment = _environment(docx=True)
    xml_source: list[str] = []
    original = document.render_xml_part

    def remember(src_xml: str, part: Any, ctx: Any, jinja_env: Any = None) -> str:
        xml_source[:] = [re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)]
        return str(original(src_xml, part, ctx, jinja_env))

    document.render_xml_part = remember  # to quote the paragraph a template error is in
    try:
        _run_guarded(
            shown,
            lambda: document.render(context, jinja_env=environment, autoescape=True),
            seconds,
            lambda: _docx_lines(xml_source[0]) if xml_source else None,
        )
    finally:
        if gallery is not None:
            gallery.sink = None
    _end_with_last_section(document.docx.element.body)
    _widen_landscape_tables(document.docx.element.body)
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(docx: bytes) -> bytes:
    """The same archive with fixed entry dates: the same plans and template give the same
    bytes, so a document kept in git changes only when its content does."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename))
    return buffer.getvalue()


def _end_with_last_section(body: Any) -> None:
    """A template whose every part ends with a section break (each part its own page style,
    portrait or landscape) would leave an empty last page: the last break's properties become
    the document's own, and the break and the empty paragraphs after it go."""
    from docx.oxml.ns import qn

    children = [child for child in body if child.tag != qn("w:sectPr")]
    trailing: list[Any] = []
    for child in reversed(children):
        if child.tag != qn("w:p"):
            return
        properties = child.find(qn("w:pPr"))
        section = properties.find(qn("w:sectPr")) if properties is not None else None
        if section is not None:
            final = body.find(qn("w:sectPr"))
            if final is not None:
                body.replace(final, section)
            else:
                body.append(section)
            body.remove(child)
            for paragraph in trailing:
                body.remove(paragraph)
            return
        if "".join(child.itertext()).strip() or child.find(".//" + qn("w:drawing")) is not None:
            return
        trailing.append(child)


def _widen_landscape_tables(body: Any) -> None:
    """Tables on a landscape page take its width: every column grows by the same factor (the
    template draws them for portrait; a part goes landscape when its table is too narrow)."""
    from docx.oxml.ns import qn

    pending: list[Any] = []

    def widen(section: Any) -> None:
        size, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
        if size is None or margins is None or size.get(qn("w:orient")) != "landscape":
            return
        width, height = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
        sides = int(margins.get(qn("w:left"))) + int(margins.get(qn("w:right")))
        factor = (width - sides) / (height - sides)
        for table in pending:
            for element in table.iter(qn("w:gridCol"), qn("w:tcW"), qn("w:tblW")):
                if element.get(qn("w:type"), "dxa") == "dxa" and element.get(qn("w:w"), "").isdigit():
                    element.set(qn("w:w"), str(round(int(element.get(qn("w:w"))) * factor)))

    for child in body:
        if child.tag == qn("w:tbl"):
            pending.append(child)
            continue
        properties = child.find(qn("w:pPr")) if child.tag == qn("w:p") else None
        section = properties.find(qn("w:sectPr")) if properties is not None else child if child.tag == qn("w:sectPr") else None
        if section is not None:
            widen(section)
            pending = []


def _png_size(png: bytes) -> tuple[float, float]:
    """The size in millimetres of a PNG drawn at the pictures' resolution."""
    import struct

    from .charts import PNG_DPI

    width, height = struct.unpack(">II", png[16:24])
    return width * 25.4 / PNG_DPI, height * 25.4 / PNG_DPI
