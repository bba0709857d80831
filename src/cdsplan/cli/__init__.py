"""The command line: one module per command, each a plain function over the library.

`main` is the one place where errors become messages and exit codes: 0 success, 1 the plans
(or records) have problems, 2 wrong usage or unreadable input, 3 a bug in cdsplan.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys

import typer

from ..console import OutputError, configure_streams, decode_argument, flush, safe, write
from ..errors import CdsplanError, UsageError
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language
from . import agencies, check, diff, due, remind, render, schema, search, status, tasks, when  # noqa: F401 - each registers its command
from .app import app
from .helptext import usage_error


def _stop(signum: int, _frame: object) -> None:
    """SIGTERM ends the run as Ctrl-C does: cleanly, removing what was being written."""
    sys.exit(128 + signum)


def _say(text: str) -> None:
    with contextlib.suppress(OutputError):  # nowhere left to say it
        write(sys.stderr, safe(text, multiline=True))


def _language(arguments: list[str]) -> tuple[str, list[str]]:
    """The language, and the arguments with --lang first: --lang (anywhere before a `--`, so
    that `cdsplan due --lang en` works as `cdsplan --lang en due`), then CDSPLAN_LANG, then
    `lang` in the settings, then Vietnamese. Chosen before the arguments are parsed, since help
    and usage errors must speak it too."""
    for position, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument.startswith("--lang="):
            chosen, taken = argument.removeprefix("--lang="), 1
        elif argument == "--lang" and position + 1 < len(arguments):
            chosen, taken = arguments[position + 1], 2
        else:
            continue
        rest = arguments[:position] + arguments[position + taken :]
        return chosen, ["--lang", chosen, *rest]  # the root's option checks it
    chosen = os.environ.get("CDSPLAN_LANG", "").strip()
    if chosen:
        return chosen, arguments
    from ..settings import find_settings

    try:
        return find_settings().lang or DEFAULT_LANGUAGE, arguments
    except CdsplanError:  # the command reports broken settings, in the default language
        return DEFAULT_LANGUAGE, arguments


def _working_folder() -> None:
    """Every path cdsplan shows is relative to the working folder: it must still exist."""
    try:
        os.getcwd()
    except OSError:  # FileNotFoundError: deleted while the shell was in it
        raise UsageError(_("the working folder no longer exists (was it deleted?): cd to a folder that exists")) from None


def main() -> None:
    """Entry point: the one place where errors become messages and exit codes."""
    configure_streams()
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _stop)
    try:
        _working_folder()
        arguments = [decode_argument(argument) for argument in sys.argv[1:]]
        language, arguments = _language(arguments)
        set_language(language if language in LANGUAGES else DEFAULT_LANGUAGE)  # --lang's check says why
        code = app(args=arguments, prog_name="cdsplan", standalone_mode=False)  # click returns typer.Exit's code
        flush(sys.stdout)
    except OutputError as exc:
        if not exc.reader_gone:
            _say(_("cdsplan: error: {message}").format(message=exc) + "\n")
        sys.exit(exc.exit_code)
    except CdsplanError as exc:
        _say(_("cdsplan: error: {message}").format(message=exc) + "\n")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _say(_("cdsplan: interrupted") + "\n")
        sys.exit(130)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # the last-resort boundary: no traceback reaches a user
        from typer._click.exceptions import NoArgsIsHelpError, UsageError

        if isinstance(exc, NoArgsIsHelpError):
            _say(exc.format_message())
            sys.exit(2)
        if isinstance(exc, UsageError):
            _say(_("cdsplan: error: {message}").format(message=usage_error(exc)) + "\n")
            sys.exit(2)
        if os.environ.get("CDSPLAN_DEBUG"):
            raise
        _say(
            _("cdsplan: internal error: {kind}: {message} (set CDSPLAN_DEBUG=1 for details, and please report it)").format(
                kind=type(exc).__name__, message=exc
            )
            + "\n"
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
