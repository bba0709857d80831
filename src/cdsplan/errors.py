"""The library's exceptions; the CLI turns them into one-line messages and exit codes."""


class CdsplanError(Exception):
    """Something the user can fix; the message says what."""

    exit_code = 1


class UsageError(CdsplanError):
    """Wrong arguments or unreadable input (exit status 2)."""

    exit_code = 2
