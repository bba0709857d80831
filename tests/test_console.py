"""Text that reaches a terminal: width, colour, safe characters, encodings, closed outputs, arguments."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdsplan import console
from cdsplan.console import (
    MAX_WIDTH,
    MIN_WIDTH,
    Output,
    OutputError,
    configure_streams,
    decode_argument,
    display_width,
    safe,
    shorten,
    terminal_width,
    use_colour,
    wrap,
    write,
)
from cdsplan.errors import CdsplanError, UsageError

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX terminals, descriptors and locales")
MINISTRY = "Bộ Thông tin và Truyền thông"


class FakeTerminal(io.StringIO):
    """A stream that says it is a terminal (and has no descriptor)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """A clean slate of the variables these functions read."""
    for name in ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def run_python(code: str, *args: str | bytes, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """code in a fresh interpreter under LC_ALL=C with UTF-8 mode off: the worst locale there is."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "PYTHONIOENCODING"))}
    environment.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    # Under LC_ALL=C the command line itself must be ASCII: non-ASCII (in string literals) as \u escapes.
    code = code.encode("ascii", "backslashreplace").decode("ascii")
    return subprocess.run([sys.executable, "-c", code, *args], env=environment, timeout=60, check=False, **kwargs)


# The CLI's edge, as cli.main has it: a CdsplanError becomes one line and its exit code.
EDGE = """
import sys
from cdsplan.console import configure_streams, write
from cdsplan.errors import CdsplanError
configure_streams()
try:
    {body}
except CdsplanError as exc:
    sys.stderr.write(f"cdsplan: error: {{exc}}\\n")
    sys.exit(exc.exit_code)
"""


# -- terminal_width ---------------------------------------------------------------------------


def test_columns_is_the_width_when_set(env: pytest.MonkeyPatch) -> None:
    env.setenv("COLUMNS", "160")
    assert terminal_width() == 160
    assert terminal_width(io.StringIO()) == 160  # even under a pipe: the user asked


@pytest.mark.parametrize(("columns", "width"), [("10", MIN_WIDTH), ("100000", MAX_WIDTH), ("40", 40), ("400", 400)])
def test_columns_is_clamped(env: pytest.MonkeyPatch, columns: str, width: int) -> None:
    env.setenv("COLUMNS", columns)
    assert terminal_width() == width


@pytest.mark.parametrize("columns", ["", "abc", "0", "-5", "12.5", "١٢٠"])
def test_unusable_columns_is_ignored(env: pytest.MonkeyPatch, columns: str) -> None:
    env.setenv("COLUMNS", columns)
    assert terminal_width(io.StringIO()) == 80


def test_not_a_terminal_is_80_wide(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert terminal_width(io.StringIO()) == 80
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as file:
        assert terminal_width(file) == 80


@POSIX
def test_a_terminal_is_as_wide_as_it_says(env: pytest.MonkeyPatch) -> None:
    pty = pytest.importorskip("pty")
    fcntl = pytest.importorskip("fcntl")
    termios = pytest.importorskip("termios")
    import struct

    controller, terminal = pty.openpty()
    try:
        for columns, expected in ((132, 132), (20, MIN_WIDTH)):
            fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, columns, 0, 0))
            with open(terminal, "w", closefd=False) as stream:
                assert terminal_width(stream) == expected
    finally:
        os.close(controller)
        os.close(terminal)


# -- use_colour -------------------------------------------------------------------------------


def test_no_colour_into_a_pipe_or_a_file(env: pytest.MonkeyPatch) -> None:
    assert use_colour(io.StringIO()) is False
    assert use_colour(None) is False


@POSIX
def test_colour_on_a_terminal(env: pytest.MonkeyPatch) -> None:
    assert use_colour(FakeTerminal()) is True


@pytest.mark.parametrize("value", ["1", "true", "0", "anything"])
def test_no_color_set_means_no_colour_whatever_its_value(env: pytest.MonkeyPatch, value: str) -> None:
    env.setenv("NO_COLOR", value)
    assert use_colour(FakeTerminal()) is False
    env.setenv("FORCE_COLOR", "1")  # NO_COLOR wins, as in CPython's own _colorize
    assert use_colour(FakeTerminal()) is False


@POSIX
def test_an_empty_no_color_is_not_set(env: pytest.MonkeyPatch) -> None:
    env.setenv("NO_COLOR", "")
    assert use_colour(FakeTerminal()) is True


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("FORCE_COLOR", "1", True),
        ("FORCE_COLOR", "3", True),
        ("FORCE_COLOR", "", False),
        ("CLICOLOR_FORCE", "1", True),
        ("CLICOLOR_FORCE", "0", False),
    ],
)
def test_forcing_colour_into_a_pipe(env: pytest.MonkeyPatch, name: str, value: str, expected: bool) -> None:
    env.setenv(name, value)
    assert use_colour(io.StringIO()) is expected


@pytest.mark.parametrize(("name", "value"), [("FORCE_COLOR", "0"), ("FORCE_COLOR", "false"), ("CLICOLOR", "0"), ("TERM", "dumb")])
def test_turning_colour_off_on_a_terminal(env: pytest.MonkeyPatch, name: str, value: str) -> None:
    env.setenv(name, value)
    assert use_colour(FakeTerminal()) is False


# -- display_width, wrap, shorten ---------------------------------------------------------------


def test_the_width_of_vietnamese_is_its_length_in_nfc_and_nfd() -> None:
    assert display_width(MINISTRY) == len(MINISTRY) == 28
    assert display_width(unicodedata.normalize("NFD", MINISTRY)) == 28
    assert display_width("Đắk Lắk – “Huế” …") == len("Đắk Lắk – “Huế” …")


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("数据开放", 8),  # wide
        ("ＡＢ", 4),  # fullwidth
        ("a\u0301", 1),  # a combining mark
        ("a\u200bb", 2),  # zero-width space
        ("👍", 2),
        ("Bộ 数据", 7),
        ("\x1b", 0),
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_wrap_on_word_boundaries_by_display_width() -> None:
    title = "Công bố kế hoạch phát triển dữ liệu mở và cung cấp dữ liệu mở, cung cấp lần đầu dữ liệu mở theo kế hoạch"
    lines = wrap(title, 30)
    assert lines == [
        "Công bố kế hoạch phát triển dữ",
        "liệu mở và cung cấp dữ liệu",
        "mở, cung cấp lần đầu dữ liệu",
        "mở theo kế hoạch",
    ]
    assert " ".join(lines) == title


def test_wrap_cuts_a_word_longer_than_the_line_and_keeps_marks_with_their_letters() -> None:
    assert wrap("a https://dichvucong.gov.vn/p/home b", 10) == ["a", "https://di", "chvucong.g", "ov.vn/p/ho", "me b"]
    nfd = unicodedata.normalize("NFD", "Nghiêngnghiêng")
    assert [unicodedata.normalize("NFC", line) for line in wrap(nfd, 7)] == ["Nghiêng", "nghiêng"]
    assert wrap("数据数据数", 4) == ["数据", "数据", "数"]
    assert wrap("数据", 1) == ["数", "据"]  # a wide character alone, rather than nothing


def test_wrap_keeps_line_breaks_and_blank_lines() -> None:
    assert wrap("Tháng 4\n\nDữ liệu   mở", 20) == ["Tháng 4", "", "Dữ liệu mở"]
    assert wrap("", 10) == [] and wrap("  \n ", 10) == []
    with pytest.raises(ValueError):
        wrap("a", 0)


words = st.lists(st.sampled_from(["dữ", "liệu", "mở", "Bộ", "Thông", "数据", "https://data.gov.vn/x", "a\u0301"]), max_size=30)


@given(words, st.integers(min_value=1, max_value=60))
def test_wrapped_lines_fit_and_keep_every_character(chosen: list[str], width: int) -> None:
    text = " ".join(chosen)
    lines = wrap(text, width)
    assert all(display_width(line) <= max(width, 2) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_shorten() -> None:
    assert shorten(MINISTRY, 40) == MINISTRY
    assert shorten(MINISTRY, 20) == "Bộ Thông tin và Tru…"
    assert shorten("Bộ Thông tin và\nTruyền   thông", 40) == MINISTRY
    assert shorten("Bộ Thông tin", 10) == "Bộ Thông…"  # no space before the ellipsis
    assert shorten("数据数据数据", 5) == "数据…"
    assert shorten("abc", 1) == "…" and shorten("abc", 0) == ""


@given(st.text(max_size=60), st.integers(min_value=0, max_value=50))
def test_shorten_fits(text: str, width: int) -> None:
    assert display_width(shorten(text, width)) <= max(width, 0)


# -- safe ---------------------------------------------------------------------------------------


def test_a_terminal_title_sequence_in_a_task_title_is_shown_not_obeyed() -> None:
    title = "Công bố dữ liệu mở\x1b]0;pwned\x07\x1b[2J\x1b[31m"
    shown = safe(title)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "Công bố dữ liệu mở\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x9b31m", "\\x9b31m"),  # C1 CSI
        ("\x9d0;t\x9c", "\\x9d0;t\\x9c"),  # C1 OSC … ST
        ("\x1bP1$r\x1b\\", "\\x1bP1$r\\x1b\\"),  # DCS
        ("a\x7fb", "a\\x7fb"),
        ("a\x00b\x08c", "a\\x00b\\x08c"),
        ("đúng\r Sai", "đúng\\x0d Sai"),  # CR could overwrite the line
        ("abc\u202edcb", "abc\\u202edcb"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("zero\u200bwidth\u200d\ufeff", "zero\\u200bwidth\\u200d\\ufeff"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("bad\udcffbyte", "bad\\udcffbyte"),
        ("a\tb\nc", "a\\x09b\\x0ac"),
    ],
)
def test_unsafe_characters_are_escaped(raw: str, shown: str) -> None:
    assert safe(raw) == shown


def test_multiline_keeps_tab_and_newline_only() -> None:
    assert safe("a\tb\nc\r\x1b", multiline=True) == "a\tb\nc\\x0d\\x1b"


def test_plain_text_is_unchanged() -> None:
    for text in (MINISTRY, "Đắk Lắk – “Huế”… 100% ≥ 5 ₫", "数据", "a\u0301", "C:\\plans\\x1b.yaml", " \u00a0 "):
        assert safe(text) == text


@given(st.text())
def test_nothing_unsafe_comes_out(text: str) -> None:
    shown = safe(text)
    assert all(unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp") for char in shown)
    assert shown.count("\\") >= text.count("\\")


def test_the_list_of_format_characters_is_complete_for_this_python() -> None:
    unsafe = console._UNSAFE_INLINE_OK  # the pattern for multiline text: everything but \t \n
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Zl", "Zp") and chr(code) not in "\t\n" and not unsafe.fullmatch(chr(code))
    ]
    assert not missing, f"add to console._FORMAT: {missing}"


# -- configure_streams ----------------------------------------------------------------------------


def test_under_lc_all_c_without_configuring_vietnamese_cannot_be_printed() -> None:
    """The control: what configure_streams is for."""
    result = run_python("print('Bộ Y tế')")
    assert result.returncode != 0 and b"UnicodeEncodeError" in result.stderr


def test_under_lc_all_c_a_pipe_gets_utf8() -> None:
    result = run_python(
        "from cdsplan.console import configure_streams\nimport sys\nconfigure_streams()\nprint('Bộ Y tế')\nprint('Đắk Lắk', file=sys.stderr)"
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "Bộ Y tế\n".encode(), "Đắk Lắk\n".encode())


def test_under_lc_all_c_a_file_gets_utf8(tmp_path: Path) -> None:
    with open(tmp_path / "out.txt", "wb") as file:
        result = run_python("from cdsplan.console import configure_streams\nconfigure_streams()\nprint('Thừa Thiên Huế')", stdout=file)
    assert result.returncode == 0
    assert (tmp_path / "out.txt").read_bytes() == "Thừa Thiên Huế\n".encode()


def test_lone_surrogates_are_shown_not_a_crash() -> None:
    result = run_python("from cdsplan.console import configure_streams\nconfigure_streams()\nprint('t\\udcffep')")
    assert (result.returncode, result.stdout) == (0, b"t\\udcffep\n")


@POSIX
def test_under_lc_all_c_a_terminal_gets_escapes_for_what_it_cannot_show() -> None:
    pty = pytest.importorskip("pty")
    controller, terminal = pty.openpty()
    try:
        result = run_python("from cdsplan.console import configure_streams\nconfigure_streams()\nprint('Bộ Y tế')", stdout=terminal)
        os.close(terminal)
        output = b""
        while True:
            try:
                chunk = os.read(controller, 1024)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(controller)
    assert result.returncode == 0, result.stderr
    assert output.replace(b"\r\n", b"\n") == b"B\\u1ed9 Y t\\u1ebf\n"


def test_configure_streams_leaves_stand_ins_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stand_in)
    monkeypatch.setattr(sys, "stderr", None)
    configure_streams()
    assert sys.stdout is stand_in


# -- writing to a closed, full or abandoned output -----------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_a_non_zero_exit() -> None:
    with open("/dev/full", "wb") as full:
        result = run_python(EDGE.format(body="write(sys.stdout, 'Bộ Y tế\\n' * 1000)"), stdout=full)
    assert result.returncode == 1
    assert result.stderr.decode() == "cdsplan: error: cannot write to standard output: no space left on the device\n"


@POSIX
def test_a_closed_stdout_is_one_line_and_a_non_zero_exit() -> None:
    code = EDGE.format(body="write(sys.stdout, 'Bộ Y tế\\n')")
    result = subprocess.run(["sh", "-c", 'exec "$0" -c "$1" >&-', sys.executable, code], capture_output=True, timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr.decode() == "cdsplan: error: cannot write to standard output: it is closed\n"


def test_a_reader_that_goes_away_is_a_message_not_a_traceback() -> None:
    body = "import time; time.sleep(0.2)\n    for _ in range(2000): write(sys.stdout, 'Bộ Y tế\\n' * 100, flush=False)"
    code = EDGE.format(body=body)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `| head`: the reader stops
    with process.stderr:
        errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert errors == "cdsplan: error: cannot write to standard output: the program reading it has stopped\n"


class Failing(io.StringIO):
    """A stream whose writes and flushes fail with error."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error
        self.name = "report.txt"

    def write(self, text: str) -> int:
        raise self.error

    def flush(self) -> None:
        raise self.error


@pytest.mark.parametrize(
    ("error", "message", "gone"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "no space left on the device", False),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), "the program reading it has stopped", True),
        (OSError(errno.EBADF, "Bad file descriptor"), "it is closed", False),
        (OSError(errno.EIO, "Input/output error"), "Input/output error", False),
    ],
)
def test_write_errors_become_output_errors(error: Exception, message: str, gone: bool) -> None:
    stream = Failing(error)
    with pytest.raises(OutputError) as caught:
        write(stream, "Bộ Y tế")
    assert str(caught.value) == f"cannot write to report.txt: {message}"
    assert caught.value.reader_gone is gone
    assert isinstance(caught.value, CdsplanError) and caught.value.exit_code == 1


def test_a_closed_stream_and_a_missing_stream() -> None:
    closed = io.StringIO()
    closed.close()
    with pytest.raises(OutputError, match="it is closed"):
        write(closed, "x")
    with pytest.raises(OutputError, match="cannot write to standard output: it is closed"):
        write(None, "x")


def test_output_watches_only_its_writes() -> None:
    stream = io.StringIO()
    with Output(stream) as out:
        out.write("Bộ ")
        out.write("Y tế")
    assert stream.getvalue() == "Bộ Y tế"
    with pytest.raises(ValueError, match="not about the output"), Output(io.StringIO()):
        raise ValueError("not about the output")
    with pytest.raises(OSError, match="a template"), Output(io.StringIO()):
        raise OSError("a template could not be read")


class FullAtFlush(io.StringIO):
    """Takes writes into its buffer; fails when they are flushed, as a file on a full disk does."""

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_output_flushes_at_the_end_of_the_block() -> None:
    stream = FullAtFlush()
    with pytest.raises(OutputError, match="no space left"), Output(stream) as out:
        out.write("x")


# -- decode_argument ------------------------------------------------------------------------------


def test_arguments_come_out_nfc() -> None:
    assert decode_argument(unicodedata.normalize("NFD", "Bộ Y tế")) == "Bộ Y tế"
    assert decode_argument("bo y te") == "bo y te"


def test_surrogate_escaped_utf8_is_decoded() -> None:
    escaped = (
        os.fsdecode("Bộ Y tế".encode()) if sys.getfilesystemencoding() == "ascii" else "Bộ Y tế".encode().decode("ascii", "surrogateescape")
    )
    assert escaped != "Bộ Y tế"
    assert decode_argument(escaped) == "Bộ Y tế"


def test_bytes_that_are_not_utf8_are_a_usage_error_naming_the_argument() -> None:
    cp1258 = "Bộ".encode("cp1258", errors="ignore") + b"\xd2"  # a legacy Windows code page
    escaped = cp1258.decode("ascii", "surrogateescape")
    with pytest.raises(UsageError) as caught:
        decode_argument(escaped, option="--agency")
    assert "--agency" in str(caught.value) and "\\xd2" in str(caught.value) and "UTF-8" in str(caught.value)
    assert caught.value.exit_code == 2
    with pytest.raises(UsageError, match=r"the argument 'B.*' is not UTF-8 text"):
        decode_argument(escaped)


@POSIX
def test_agency_argument_under_lc_all_c() -> None:
    code = "import sys\nfrom cdsplan.console import decode_argument\nprint(ascii(sys.argv[1]))\nprint(decode_argument(sys.argv[1]) == 'Bộ Y tế')"
    result = run_python(code, "Bộ Y tế".encode())
    assert result.returncode == 0, result.stderr
    escaped, decoded = result.stdout.decode().splitlines()
    assert "\\udc" in escaped and decoded == "True"  # it did arrive escaped, and came out right


# -- Windows ----------------------------------------------------------------------------------------


def test_the_modules_import_without_posix_only_modules() -> None:
    blocked = ("fcntl", "termios", "pwd", "grp", "resource", "pty", "tty", "curses")
    code = f"import sys\nfor name in {blocked!r}: sys.modules[name] = None\nimport cdsplan.console, cdsplan.collation, cdsplan.search"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode()
