"""Text that reaches a terminal: its width, colour, safe characters, encodings, closed outputs.

Everything here is about the terminal (or the pipe standing in for it). Files that cdsplan
writes (YAML, DOCX, the JSON and CSV contracts) keep their text exactly; `safe` is applied to
what is *shown*, never to what is stored.

Start-up cost matters (every command imports this): no Unicode table is built at import,
and the Windows-only parts import `ctypes`/`msvcrt` inside the functions that need them.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import shutil
import sys
import unicodedata
from functools import lru_cache
from types import TracebackType
from typing import IO, Self

from .errors import CdsplanError, UsageError
from .i18n import _
from .text import nfc

__all__ = [
    "DEFAULT_WIDTH",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "Output",
    "OutputError",
    "configure_streams",
    "decode_argument",
    "display_width",
    "flush",
    "safe",
    "shorten",
    "terminal_width",
    "use_colour",
    "wrap",
    "write",
]

# ---------------------------------------------------------------------------------------------
# Width of the terminal

DEFAULT_WIDTH = 80
# Narrower than 40 columns no table of ours is readable, so we lay out for 40 and let the
# terminal wrap; wider than 400 a title line would be unreadable to the eye, and an absurd
# COLUMNS (a typo, 99999) must not make us build huge strings.
MIN_WIDTH = 40
MAX_WIDTH = 400


def _clamp(columns: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def terminal_width(stream: IO[str] | None = None) -> int:
    """The columns to lay text out for, between MIN_WIDTH and MAX_WIDTH.

    `COLUMNS` when it is a positive number (the user's explicit wish, also under a pipe);
    else the size of the terminal behind stream (or, with no stream, behind stdout, as
    `shutil.get_terminal_size` finds it); else DEFAULT_WIDTH (a pipe, a file, a CI log).
    """
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return _clamp(int(columns))
    size = 0
    if stream is not None:
        try:
            size = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):  # not a terminal, no descriptor, closed
            size = 0
    else:
        size = shutil.get_terminal_size((0, 0)).columns
    return _clamp(size) if size > 0 else DEFAULT_WIDTH


# ---------------------------------------------------------------------------------------------
# Colour

_ENABLE_VIRTUAL_TERMINAL_PROCESSING = 0x0004


def _enable_windows_vt(stream: IO[str]) -> bool:
    """On a Windows console, switch on ANSI escape processing; True when it is on (or not Windows)."""
    if sys.platform != "win32":
        return True
    try:
        import ctypes
        import msvcrt
        from ctypes import wintypes

        handle = msvcrt.get_osfhandle(stream.fileno())
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        mode = wintypes.DWORD()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            return False  # not a console (a pipe, mintty): no escapes
        if mode.value & _ENABLE_VIRTUAL_TERMINAL_PROCESSING:
            return True
        # Fails on consoles older than Windows 10 1511: then no colour rather than garbage.
        return bool(kernel32.SetConsoleMode(handle, mode.value | _ENABLE_VIRTUAL_TERMINAL_PROCESSING))
    except (AttributeError, ImportError, OSError, ValueError):
        return False


def _isatty(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):  # closed, or a stand-in without isatty
        return False


def use_colour(stream: IO[str] | None) -> bool:
    """Whether to colour what goes to stream.

    In this order, as CPython's own `_colorize` does: `NO_COLOR` set and not empty means no
    (https://no-color.org); `FORCE_COLOR` not empty means yes (https://force-color.org), except
    "0"/"false", which mean no as in Node's supports-color; `CLICOLOR_FORCE` not "0" means yes
    and `CLICOLOR=0` no (https://bixense.com/clicolors/); `TERM=dumb` no; otherwise only a
    terminal, and on Windows only a console whose ANSI processing could be switched on.
    """
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR", "")
    if force.lower() in ("0", "false"):
        return False
    if force or env.get("CLICOLOR_FORCE", "0") != "0":
        if stream is not None and _isatty(stream):
            _enable_windows_vt(stream)  # best effort; forced means forced
        return True
    if env.get("CLICOLOR") == "0" or env.get("TERM") == "dumb":
        return False
    if stream is None or not _isatty(stream):
        return False
    return _enable_windows_vt(stream)


# ---------------------------------------------------------------------------------------------
# Width of text

# Characters one column wide each, for the fast path: ASCII, Latin (with Vietnamese's
# precomposed letters in U+1E00–1EFF), Greek, Cyrillic, the usual punctuation (– — … “ ” ‘ ’).
_NARROW = re.compile(
    "[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u0482"
    "\u048a-\u052f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*"
)


@lru_cache(maxsize=8192)
def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf", "Cc", "Cs", "Zl", "Zp") or "\u1160" <= char <= "\u11ff":
        return 0  # marks, format and control characters, Hangul medial vowels and finals
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns text takes on a terminal: East Asian wide and fullwidth characters 2, combining
    marks, format and control characters 0, everything else (every Vietnamese letter, NFC or
    NFD) 1."""
    if _NARROW.fullmatch(text):
        return len(text)
    return sum(_char_width(char) for char in text)


def _clusters(text: str) -> list[str]:
    """text cut before every character that takes columns, so a mark stays with its letter."""
    clusters: list[str] = []
    for char in text:
        if clusters and _char_width(char) == 0:
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def _cut(word: str, width: int) -> list[str]:
    """word in pieces of at most width columns (a wide character alone if width is 1)."""
    pieces: list[str] = []
    piece, used = "", 0
    for cluster in _clusters(word):
        size = display_width(cluster)
        if piece and used + size > width:
            pieces.append(piece)
            piece, used = "", 0
        piece += cluster
        used += size
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """text in lines of at most width columns, broken between words; a word wider than the
    line is cut. Runs of spaces become one; each line break in text starts a new line, and a
    blank line stays blank. Empty (or blank) text gives no lines."""
    if width < 1:
        raise ValueError(f"width must be at least 1, not {width}")
    if not text.strip():
        return []
    lines: list[str] = []
    for paragraph in text.splitlines():
        line, used = "", 0
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        for word in words:
            size = display_width(word)
            if line and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if line:
                lines.append(line)
            if size <= width:
                line, used = word, size
            else:
                *full, line = _cut(word, width)
                lines.extend(full)
                used = display_width(line)
        lines.append(line)
    return lines


def shorten(text: str, width: int, placeholder: str = "…") -> str:
    """text on one line of at most width columns: whitespace runs (line breaks too) become one
    space, and what does not fit is cut, ending with placeholder."""
    if not text.isprintable() or "  " in text or text[:1].isspace() or text[-1:].isspace():
        text = " ".join(text.split())
    if _NARROW.fullmatch(text):  # the usual cell: one column a character
        if len(text) <= width:
            return text
    elif display_width(text) <= width:
        return text
    room = width - display_width(placeholder)
    if room < 0:
        return _fit(placeholder, width)
    return _fit(text, room).rstrip() + placeholder


def _fit(text: str, width: int) -> str:
    """The longest beginning of text that takes at most width columns."""
    if _NARROW.fullmatch(text):  # one column a character: a slice
        return text[: max(width, 0)]
    used = 0
    clusters = _clusters(text)
    for position, cluster in enumerate(clusters):
        used += display_width(cluster)
        if used > width:
            return "".join(clusters[:position])
    return text


# ---------------------------------------------------------------------------------------------
# Characters that must not reach a terminal raw

# C0 controls but tab and line feed (CR too: it lets a title overwrite its own line), DEL and
# C1 (U+009B is CSI, U+009D OSC on terminals that take 8-bit controls), lone surrogates (from
# undecodable bytes; they cannot even be encoded), and every format, line- and paragraph-
# separator character: bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069,
# the "Trojan Source" characters), zero-width spaces and joiners, the BOM, soft hyphens, tags.
# The list is Unicode 15.1's categories Cf, Zl and Zp, written out because computing it at
# import would cost 0.15 s on every run; tests/test_console.py checks it against unicodedata.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_ALWAYS_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + _FORMAT
_UNSAFE = re.compile(f"[\t\n{_ALWAYS_UNSAFE}]")
_UNSAFE_INLINE_OK = re.compile(f"[{_ALWAYS_UNSAFE}]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe(text: str, *, multiline: bool = False) -> str:
    """text fit to be shown on a terminal: control characters (C0, DEL, C1), lone surrogates and
    invisible format characters (bidi overrides, zero-width characters…) written out as visible
    escapes: ESC as `\\x1b`, RLO as `\\u202e`. An escape sequence in plan data (`ESC ]0;title BEL`,
    `ESC [2J`) so reaches the terminal as harmless text. Tab and line feed are escaped too,
    unless multiline. A backslash in text stays as it is: this is for eyes, not for parsing.

    For terminal output only; files keep their text. A printable line (the usual one) is
    returned as it is after one C-speed check, others take one regular-expression pass: about
    1 µs a line of `due`, cheap enough for every line at national scale."""
    if text.isprintable():  # the usual line: every character we escape is non-printable
        return text
    pattern = _UNSAFE_INLINE_OK if multiline else _UNSAFE
    return pattern.sub(_escaped, text)


# ---------------------------------------------------------------------------------------------
# Encodings

# A text every encoding we keep must hold: Vietnamese letters in NFC, the dong sign, dashes.
_VIETNAMESE_SAMPLE = "Bộ Thông tin và Truyền thông – Đắk Lắk, Thừa Thiên Huế: ₫ … “ư”"


def _holds_vietnamese(encoding: str) -> bool:
    try:
        _VIETNAMESE_SAMPLE.encode(encoding)
    except (LookupError, UnicodeError):
        return False
    return True


def _set_windows_console_utf8() -> bool:
    """Switch the console's output code page to UTF-8 (only needed under the legacy console I/O)."""
    if sys.platform != "win32":
        return False
    try:
        import ctypes

        return bool(ctypes.WinDLL("kernel32").SetConsoleOutputCP(65001))
    except (AttributeError, OSError):
        return False


def _configure(stream: object) -> None:
    if not isinstance(stream, io.TextIOWrapper):
        return  # None (closed at start), or a stand-in (pytest's capture) that handles itself
    try:
        tty = stream.isatty()
        if _holds_vietnamese(codecs.lookup(stream.encoding).name):
            # Stray lone surrogates (an undecodable file name) are shown, not a crash.
            stream.reconfigure(errors="backslashreplace")
        elif not tty:
            # A pipe or a file: UTF-8 whatever the locale, as every consumer of ours expects.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        elif _set_windows_console_utf8():
            # Only under PYTHONLEGACYWINDOWSSTDIO: Python's own console I/O (PEP 528) is UTF-8
            # already. The console's code page is now UTF-8, so UTF-8 it gets.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        else:
            # A terminal whose locale cannot show Vietnamese (LC_ALL=C): readable escapes for
            # the letters it lacks, rather than bytes it would show as garbage.
            stream.reconfigure(errors="backslashreplace")
    except (LookupError, OSError, ValueError):
        return  # an odd stream: left as it is rather than failing at start-up


def configure_streams() -> None:
    """Make sys.stdout and sys.stderr able to write any text, whatever the locale: UTF-8 into
    pipes and files; on a terminal, its own encoding when that holds Vietnamese (a Windows
    console: UTF-8), else `\\u1ed9`-style escapes for what it cannot show. Call once, first."""
    _configure(sys.stdout)
    _configure(sys.stderr)


_SURROGATE_ESCAPES = re.compile("[\udc80-\udcff]")


def decode_argument(arg: str, *, option: str | None = None) -> str:
    """A command-line argument as NFC text. Under a locale that cannot decode it (LC_ALL=C),
    Python hands over the bytes as surrogate escapes: they are taken back as UTF-8, so
    `--agency "Bộ Y tế"` works there too. Bytes that are not UTF-8 are a UsageError that shows
    the argument (and option, when given)."""
    if _SURROGATE_ESCAPES.search(arg) is None:
        return nfc(arg)
    raw = os.fsencode(arg)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        shown = safe(raw.decode("utf-8", "backslashreplace"))
        if option:
            message = _("the value '{value}' of {option} is not UTF-8 text: type it again, or save the script that passes it as UTF-8")
            raise UsageError(message.format(value=shown, option=option)) from None
        message = _("the argument '{value}' is not UTF-8 text: type it again, or save the script that passes it as UTF-8")
        raise UsageError(message.format(value=shown)) from None
    return nfc(text)


# ---------------------------------------------------------------------------------------------
# Writing: a closed, full or abandoned output is a message, not a traceback


class OutputError(CdsplanError):
    """The output could not be written: closed (`>&-`), full (`>/dev/full`), or its reader gone
    (`| head`). `reader_gone` is True for the last: the CLI may then stay silent, as `head`'s
    users expect, but still exits non-zero."""

    exit_code = 1

    def __init__(self, message: str, *, reader_gone: bool = False) -> None:
        super().__init__(message)
        self.reader_gone = reader_gone


def _stream_name(stream: IO[str] | None) -> str:
    name = getattr(stream, "name", None)
    if stream is None or stream is sys.__stdout__ or stream is sys.stdout or name in ("<stdout>", 1):
        return _("standard output")
    if stream is sys.__stderr__ or stream is sys.stderr or name in ("<stderr>", 2):
        return _("standard error")
    # translators: fills {stream} in "cannot write to {stream}: …", as do "standard output" and "standard error"
    return str(name) if name is not None else _("the output")


def _to_devnull(stream: IO[str]) -> None:
    """Point a standard stream's descriptor at the null device, so that the interpreter's flush
    at exit of what the buffer still holds succeeds quietly (the Python docs' advice for
    SIGPIPE) instead of printing 'Exception ignored … BrokenPipeError' and exiting 120."""
    if stream not in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        return  # a file of the caller's: its owner closes it
    try:
        descriptor = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):
        return
    try:
        os.dup2(devnull, descriptor)
    except OSError:
        pass
    finally:
        os.close(devnull)


def _output_error(stream: IO[str] | None, exc: OSError | ValueError | None) -> OutputError:
    name = _stream_name(stream)
    if stream is not None:
        _to_devnull(stream)
    if exc is None or isinstance(exc, ValueError) or exc.errno == errno.EBADF:
        return OutputError(_("cannot write to {stream}: it is closed").format(stream=name))
    # Windows reports a pipe whose reader has gone as EINVAL rather than EPIPE.
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE or (sys.platform == "win32" and exc.errno == errno.EINVAL):
        message = _("cannot write to {stream}: the program reading it has stopped")
        return OutputError(message.format(stream=name), reader_gone=True)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError(_("cannot write to {stream}: no space left on the device").format(stream=name))
    return OutputError(_("cannot write to {stream}: {reason}").format(stream=name, reason=exc.strerror or str(exc)))


class Output:
    """Writes to a stream, turning a closed, full or abandoned output into OutputError.

        with Output(sys.stdout) as out:
            for line in lines:
                out.write(line)

    The block's end flushes, so that a full disk is reported here rather than by the
    interpreter at exit. Only the writes are watched: any other error in the block passes
    through unchanged. The stream may be None: Python's sys.stdout when descriptor 1 was
    closed at start (`cdsplan check >&-`), where print() would silently write nothing."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        stream = self.stream
        if stream is None:
            raise _output_error(stream, None)
        try:
            stream.write(text)
        except (OSError, ValueError) as exc:
            if isinstance(exc, ValueError) and not getattr(stream, "closed", False):
                raise  # not about the stream
            raise _output_error(stream, exc) from None

    def flush(self) -> None:
        stream = self.stream
        if stream is None:
            raise _output_error(stream, None)
        try:
            stream.flush()
        except (OSError, ValueError) as exc:
            if isinstance(exc, ValueError) and not getattr(stream, "closed", False):
                raise
            raise _output_error(stream, exc) from None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None) -> None:
        if kind is None:
            self.flush()


def write(stream: IO[str] | None, text: str, *, flush: bool = True) -> None:
    """Write text to stream and (by default) flush it; OutputError when that cannot be done."""
    out = Output(stream)
    out.write(text)
    if flush:
        out.flush()


def flush(stream: IO[str] | None) -> None:
    """Flush stream, OutputError when that cannot be done; for the CLI's last step before exit."""
    Output(stream).flush()
