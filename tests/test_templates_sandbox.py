"""The template sandbox's bounds: every operation that can build a large value from small ones
is refused before it runs, and a template that recurses or runs out of memory ends in one
line naming the template and its line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cdsplan.errors import CdsplanError, UsageError
from cdsplan.render.sandbox import MAX_VALUE, LimitedEnvironment, TemplateLimit
from cdsplan.render.templates import MAX_DOCX_INFLATED, render_docx, render_markdown

HUGE = [
    ("tilde", "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"),
    ("list-extend", "{% set x = [1] %}{% for i in range(40) %}{{ x.extend(x) or '' }}{% endfor %}"),
    ("list-extend-generator", "{% set x = [] %}{{ x.extend(range(100000)|map('string')|batch(1)|list * 60) or '' }}"),
    ("center", "{{ 'x'|center(10**9) }}"),
    ("ljust", "{{ 'x'.ljust(10**9) }}"),
    ("zfill", "{{ 'x'.zfill(10**9) }}"),
    ("format-filter", "{{ '%*d'|format(10**9, 1) }}"),
    ("format-filter-width", "{{ '%999999999d'|format(1) }}"),
    ("percent", "{{ '%*d' % (10**9, 1) }}"),
    ("str-format", "{{ '{:>1000000000}'.format('x') }}"),
    ("str-format-nested", "{{ '{:>{w}}'.format('x', w=10**9) }}"),
    ("str-format-precision", "{{ '{:.999999999f}'.format(1.0) }}"),
    ("str-format-map", "{{ '{x:>1000000000}'.format_map({'x': 1}) }}"),
    ("str-format-many", "{% set big = 'x' * 4000000 %}{{ '{0}{0}{0}'.format(big) }}"),
    ("indent", "{{ ('x\\n' * 1000)|indent(10**7) }}"),
    ("indent-text", "{{ ('x\\n' * 1000)|indent('y' * 10**4) }}"),
    ("join-filter", "{{ (range(100000)|list)|join('y' * 4000000) }}"),
    ("join-filter-generator", "{{ range(100000)|map('string')|join('y' * 4000000) }}"),
    ("join-method", "{{ ('y' * 4000000).join(range(100000)|map('string')) }}"),
    ("replace", "{{ ('x' * 1000000)|replace('x', 'yyyyyyyyyy') }}"),
    ("replace-method", "{{ ('x' * 1000000).replace('x', 'yyyyyyyyyy') }}"),
    ("wordwrap", "{{ ('x ' * 100000)|wordwrap(1, wrapstring='y' * 1000) }}"),
    ("batch-fill", "{{ [1]|batch(10**9, 0)|list }}"),
    ("sum-lists", "{% set big = [1] * 4000000 %}{{ ([big] * 1000)|sum(start=[])|length }}"),
    ("expandtabs", "{{ ('\\t' * 1000).expandtabs(10**7) }}"),
    ("translate", "{{ ('x' * 1000).translate({120: 'y' * 10**5}) }}"),
    ("macro-body", "{% set big = 'x' * 4000000 %}{% macro m() %}{{ big|safe }}{{ big|safe }}{% endmacro %}{{ m()|length }}"),
    ("set-block", "{% set big = 'x' * 4000000 %}{% set y %}{{ big|safe }}{{ big|safe }}{% endset %}{{ y|length }}"),
    ("lipsum", "{{ lipsum(n=100000, html=False) }}"),
    ("upper-after", "{% set big = 'ß' * 4000000 %}{{ big|upper|length }}"),
]


def render(tmp_path: Path, source: str, **context: object) -> str:
    template = tmp_path / "t.md.j2"
    template.write_text(source, encoding="utf-8")
    return render_markdown(template, dict(context), seconds=20)


@pytest.mark.parametrize("source", [source for _, source in HUGE], ids=[name for name, _ in HUGE])
def test_a_huge_value_is_refused_at_its_line(tmp_path: Path, source: str) -> None:
    with pytest.raises(CdsplanError, match=r"t\.md\.j2:1: a value of [\d,]+ characters or items is over the limit of 5,000,000"):
        render(tmp_path, source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 'a' ~ x ~ 1 }}", "aq1"),
        ("{{ ('<' ~ x)|length }}", "2"),
        ("{{ [1, 2]|join('; ') }}", "1; 2"),
        ("{{ range(3)|join(separator='-') }}", "0-1-2"),
        ("{{ 'ab'|replace('a', 'xy') }}", "xyb"),
        ("{{ '{:03}|{:.2f}'.format(7, 1.5) }}", "007\\|1.50"),
        ("{{ '%03d'|format(7) }}{{ '%s-%s' % (1, 2) }}", "0071-2"),
        ("{% set x = [1] %}{{ x.extend([2, 3]) or '' }}{{ x.append(4) or '' }}{{ x|length }}", "4"),
        ("{% macro m(n) %}{{ n }}{% if n %}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(3) }}", "3210"),
        ("{{ 'x'|center(5)|length }}{{ 'ab\ncd'|indent(2)|length }}", "57"),
        ("{{ ([[1], [2]])|sum(start=[])|length }}{{ [1, 2, 3]|batch(2, 0)|list|length }}", "22"),
    ],
)
def test_small_values_are_made_as_before(tmp_path: Path, source: str, expected: str) -> None:
    assert render(tmp_path, source, x="q") == expected


def test_a_value_at_the_limit_is_made(tmp_path: Path) -> None:
    assert render(tmp_path, "{{ ('x' * 2500000 ~ 'y' * 2500000)|length }}") == str(MAX_VALUE)
    assert render(tmp_path, "{{ 'x'|center(5000000)|length }}") == str(MAX_VALUE)


def test_a_filter_added_later_is_bounded_too() -> None:
    environment = LimitedEnvironment()
    environment.filters["spread"] = lambda value, width: value * width
    with pytest.raises(TemplateLimit):
        environment.from_string("{{ 'x'|spread(10**7) }}").render()


def test_a_macro_calling_itself_is_one_line_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(CdsplanError) as caught:
        render(tmp_path, "\n{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}")
    message = str(caught.value)
    assert "t.md.j2:2: calls nested too deeply" in message
    assert "\n" not in message and "RecursionError" not in message
    assert caught.value.exit_code == 1


def test_running_out_of_memory_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    template = tmp_path / "t.md.j2"
    template.write_text("{{ boom() }}", encoding="utf-8")
    with pytest.raises(CdsplanError, match=r"t\.md\.j2:1: the template needs more memory than there is: it was stopped"):
        render_markdown(template, {"boom": no_memory}, seconds=20)


def _docx_with(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _bomb(declared_honestly: bool) -> bytes:
    """A .docx whose word/document.xml inflates past the limit (or says it is small and is not)."""
    with zipfile.ZipFile(io.BytesIO(_docx_with("x"))) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            if name == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (MAX_DOCX_INFLATED + 1), 1)
            target.writestr(name, data)
    raw = buffer.getvalue()
    if declared_honestly:
        return raw
    # document.xml's uncompressed size, in its local header and the central directory: 1000
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        entry = archive.getinfo("word/document.xml")
    patched = bytearray(raw)
    size = entry.file_size.to_bytes(4, "little")
    small = (1000).to_bytes(4, "little")
    start = 0
    while (found := raw.find(size, start)) != -1:
        patched[found : found + 4] = small
        start = found + 4
    return bytes(patched)


@pytest.mark.parametrize("honest", [True, False], ids=["declared", "lying"])
def test_a_docx_zip_bomb_is_refused_unread(tmp_path: Path, honest: bool) -> None:
    template = tmp_path / "bomb.docx"
    template.write_bytes(_bomb(honest))
    with pytest.raises(UsageError) as caught:
        render_docx(template, {}, seconds=20)
    message = str(caught.value)
    assert "\n" not in message
    if honest:
        assert "the Word template inflates to" in message and "over the limit of 50,000,000" in message
    else:  # zipfile stops at the declared size and finds the CRC wrong, or our count stops it
        assert "bomb.docx:" in message


def test_a_docx_template_under_the_limit_renders(tmp_path: Path) -> None:
    template = tmp_path / "t.docx"
    template.write_bytes(_docx_with("{{ 'a' ~ 'b' }}"))
    document = render_docx(template, {}, seconds=20)
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        assert b"ab" in archive.read("word/document.xml")
