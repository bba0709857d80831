"""Help and usage errors in the user's language, laid out for the terminal's width.

Typer's own help (rich panels) speaks English, shows `<bool>` for a flag and cuts long option
names; click's classic layout is what a command-line user reads best: a usage line, the
command's text, then definition lists of arguments, options and commands, wrapped to the
terminal. Help texts are written with `N_()` where commands are defined and translated here,
when shown, so that one process can answer in either language (the tests do).
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer
import typer.core

from ..console import display_width, terminal_width, wrap
from ..i18n import N_, _
from ..text import did_you_mean

# Where the descriptions start at most, and the least room they get.
_TERM_COLUMN = 30
_MIN_DESCRIPTION = 30

# Typer's built-in options (help, completion) are defined in English inside typer.
_BUILT_IN_HELP = {
    "help": N_("Show this help and exit."),
    "install_completion": N_("Install completion for the shell (bash, zsh, fish, powershell; default: this one)."),
    "show_completion": N_("Print the completion script for the shell, to copy or customise."),
}


def _metavar(param: Any) -> str:
    """What stands for an option's value or an argument in help: the one it was given, the
    choices of an Enum, else a word for its type."""
    if param.metavar:
        return str(_(param.metavar))
    descriptor = param.type_descriptor
    if descriptor.is_choice and descriptor.choices:
        return "|".join(str(choice.value if isinstance(choice, Enum) else choice) for choice in descriptor.choices)
    annotation = descriptor.annotation
    inner = getattr(annotation, "__args__", None)
    if inner:  # list[X]
        annotation = inner[0]
    if annotation is int:
        return _("NUMBER")
    if annotation is Path:
        return _("PATH")
    return _("TEXT")


def _shown(text: str | None) -> str:
    """A help text in the user's language; none is none (gettext's "" is the catalogue's header)."""
    return str(_(text)) if text else ""


def _is_flag(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False))


def _names(param: Any) -> str:
    """'-f, --format FORMAT' or '--include-done' or 'PATH...'."""
    if param.param_type_name == "argument":
        if param.metavar:  # written as it should show: "[PATH]...", "WORDS..."
            return str(_(param.metavar))
        text = param.name.upper() + ("..." if param.nargs == -1 else "")
        return text if param.required else f"[{text}]"
    short = sorted(param.opts, key=len)
    names = ", ".join(short)
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    return names if _is_flag(param) else f"{names} {_metavar(param)}"


def _description(param: Any) -> str:
    text = _shown(_BUILT_IN_HELP.get(param.name) or param.help)
    notes = []
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        notes.append(_("{low} to {high}").format(low=low, high=high))
    default = param.default
    if isinstance(default, Enum):
        default = default.value
    if param.show_default and default not in (None, False, (), []) and not _is_flag(param):
        notes.append(_("default: {value}").format(value=default))
    if getattr(param, "multiple", False):
        notes.append(_("may be repeated"))
    if param.param_type_name == "argument" and param.nargs == -1:
        notes.append(_("one or more") if param.required else _("any number"))
    return f"{text} [{'; '.join(notes)}]" if notes else text


def _definitions(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns, the second wrapped; a term too wide for its column takes a line of its own."""
    if not rows:
        return []
    column = min(_TERM_COLUMN, max(display_width(term) for term, _text in rows) + 4)
    room = max(width - column, _MIN_DESCRIPTION)
    lines: list[str] = []
    for term, text in rows:
        described = wrap(text, room) or [""]
        if display_width(term) + 4 <= column:
            lines.append(f"  {term}".ljust(column - display_width(term) + len(term)) + described[0])
            described = described[1:]
        else:
            lines.append(f"  {term}")
        lines += [" " * column + line for line in described]
    return [line.rstrip() for line in lines]


def _section(title: str, rows: list[tuple[str, str]], width: int) -> list[str]:
    return ["", title, *_definitions(rows, width)] if rows else []


def _usage(ctx: Any) -> str:
    pieces = [ctx.command_path]
    command = ctx.command
    if any(param.param_type_name == "option" for param in command.get_params(ctx)):
        options = _("OPTIONS")
        pieces.append(f"[{options}]")
    pieces += [_names(param) for param in command.get_params(ctx) if param.param_type_name == "argument"]
    if isinstance(command, typer.core.TyperGroup):
        pieces.append(_("COMMAND [ARGUMENTS]..."))
    return _("Usage: {usage}").format(usage=" ".join(pieces))


def _help(ctx: Any, commands: list[tuple[str, str]] | None = None) -> str:
    width = terminal_width(sys.stdout)
    command = ctx.command
    params = [param for param in command.get_params(ctx) if not param.hidden]
    lines = [_usage(ctx)]
    if command.help:
        lines += ["", *("  " + line for line in wrap(_shown(command.help), width - 2))]
    lines += _section(_("Arguments:"), [(_names(p), _description(p)) for p in params if p.param_type_name == "argument"], width)
    lines += _section(_("Options:"), [(_names(p), _description(p)) for p in params if p.param_type_name == "option"], width)
    lines += _section(_("Commands:"), commands or [], width)
    if command.epilog:
        lines += ["", *wrap(_shown(command.epilog), width)]
    return "\n".join(lines) + "\n"


class Command(typer.core.TyperCommand):
    """A command whose help is cdsplan's: translated, plain, as wide as the terminal."""

    def get_help(self, ctx: Any) -> str:
        return _help(ctx)


class Group(typer.core.TyperGroup):
    """The `cdsplan` group: its help lists the commands with the first sentence of each."""

    def get_help(self, ctx: Any) -> str:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, _first_sentence(_shown(command.help))))
        return _help(ctx, rows)


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?\.)(\s|$)", text.strip())
    return (match.group(1) if match else text).rstrip(".")


# ---------------------------------------------------------------------------------------------
# Usage errors: typer raises them in English; each kind is said again from what it carries.

_NO_COMMAND = re.compile(r"No such command '(?P<name>.*)'\.")
_EXTRA = re.compile(r"Got unexpected extra arguments? \((?P<extra>.*)\)")


def usage_error(exc: Any) -> str:
    """The message for one of typer's usage errors, in the user's language, with a hint."""
    from typer._click.exceptions import BadOptionUsage, BadParameter, MissingParameter, NoSuchOption

    ctx = getattr(exc, "ctx", None)
    message = str(getattr(exc, "message", exc))
    if isinstance(exc, NoSuchOption):
        options = [opt for param in (ctx.command.get_params(ctx) if ctx else []) for opt in param.opts + param.secondary_opts]
        text = _("no such option: {option}").format(option=exc.option_name) + did_you_mean(exc.option_name, options)
    elif isinstance(exc, MissingParameter):
        text = _("missing {what}").format(what=_names(exc.param) if exc.param else message)
    elif isinstance(exc, BadParameter):
        text = _bad_value(exc.param, message) if exc.param is not None else message
    elif isinstance(exc, BadOptionUsage) and message.endswith("requires an argument."):
        text = _("{option} needs a value").format(option=exc.option_name)
    elif match := _NO_COMMAND.fullmatch(message):
        names = list(ctx.command.list_commands(ctx)) if ctx else []
        text = _("no such command {name!r}").format(name=match["name"]) + did_you_mean(match["name"], names)
    elif match := _EXTRA.fullmatch(message):
        text = _("unexpected argument(s): {arguments}").format(arguments=match["extra"])
    elif message == "Missing command.":
        text = _("give a command")
    else:
        text = message
    if ctx is not None:
        text += "\n" + _("See `{command} --help`.").format(command=ctx.command_path)
    return text


def _bad_value(param: Any, message: str) -> str:
    option = "/".join(sorted(param.opts, key=len, reverse=True)[:1]) or param.name
    descriptor = param.type_descriptor
    if descriptor.is_choice and descriptor.choices:
        return _("{option}: choose one of {choices}").format(option=option, choices=_metavar(param).replace("|", ", "))
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return _("{option}: give a whole number from {low} to {high}").format(option=option, low=low, high=high)
    annotation = getattr(descriptor.annotation, "__args__", (descriptor.annotation,))[0]
    if annotation is int:
        return _("{option}: give a whole number").format(option=option)
    return _("{option}: {message}").format(option=option, message=message)
