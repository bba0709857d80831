"""The command line: one module per command, each a plain function over the library.

`main` is the one place where errors become messages and exit codes.
"""

from __future__ import annotations

import os
import sys

import typer

from ..errors import CdsplanError
from . import check, diff, due, render, schema, status, tasks, when  # noqa: F401 - each registers its command
from .app import app


def main() -> None:
    """Entry point: the one place where errors become messages and exit codes."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8")
    try:
        code = app(standalone_mode=False)  # click returns typer.Exit's code instead of exiting
    except CdsplanError as exc:
        sys.stderr.write(f"cdsplan: error: {exc}\n")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("cdsplan: interrupted\n")
        sys.exit(130)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # the last-resort boundary: no traceback reaches a user
        # typer's (vendored) click usage errors know how to show themselves, and exit 2
        show = getattr(exc, "show", None)
        if isinstance(exc, typer.TyperException) and callable(show):
            show()
            sys.exit(getattr(exc, "exit_code", 2))
        if os.environ.get("CDSPLAN_DEBUG"):
            raise
        sys.stderr.write(f"cdsplan: internal error: {type(exc).__name__}: {exc} (set CDSPLAN_DEBUG=1 for details, and please report it)\n")
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
