"""The git repository holding the plans, driven through the `git` command: commits, trees, blobs."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..errors import CdsplanError, UsageError
from ..i18n import _
from ..reading.discovery import SUFFIXES


class Git:
    """The git repository holding a folder, driven through the `git` command."""

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = Path(cwd or Path.cwd()).resolve()
        try:
            result = self._run("rev-parse", "--show-toplevel")
        except FileNotFoundError:
            raise UsageError(_("`git` is not installed or not on PATH: `cdsplan diff` reads the plans' history from git")) from None
        if result.returncode != 0:
            raise UsageError(
                f"{self.cwd} is not inside a git repository: `cdsplan diff` compares versions of the plans kept in git (run it in a clone of the plans repository)"
            )
        self.root = Path(result.stdout.decode("utf-8", "surrogateescape").strip()).resolve()

    def _run(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
        return subprocess.run(["git", *args], cwd=self.cwd, input=stdin, capture_output=True, env=env, check=False)

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes:
        result = self._run(*args, stdin=stdin)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise CdsplanError(
                _("git {command} failed: {reason}").format(
                    command=args[0], reason=message[-1] if message else _("exit status {code}").format(code=result.returncode)
                )
            )
        return result.stdout

    def commit(self, rev: str) -> str | None:
        """The commit id rev names, or None."""
        if not rev or rev.startswith("-"):
            return None
        result = self._run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        return result.stdout.decode().strip() if result.returncode == 0 else None

    def tree_files(self, commit: str, pathspecs: list[str]) -> dict[str, str]:
        """{path: blob id} of the YAML files under pathspecs at commit (paths relative to the root)."""
        out = self._git("ls-tree", "-r", "-z", "--full-tree", commit, "--", *pathspecs)
        files: dict[str, str] = {}
        for entry in out.split(b"\0"):
            if not entry:
                continue
            meta, _, raw_path = entry.partition(b"\t")
            mode, kind, blob = meta.decode().split()
            path = raw_path.decode("utf-8", "surrogateescape")
            if kind == "blob" and mode in ("100644", "100755") and is_plan_path(path):
                files[path] = blob
        return files

    def sizes(self, ids: Iterable[str]) -> dict[str, int]:
        """The size in bytes of each blob, from one `git cat-file --batch-check` (nothing is read)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        out = self._git("cat-file", "--batch-check", stdin="".join(f"{blob}\n" for blob in wanted).encode())
        sizes: dict[str, int] = {}
        for blob, line in zip(wanted, out.decode().splitlines(), strict=False):
            header = line.split()
            if len(header) < 3 or header[1] == "missing":
                raise CdsplanError(_("git object {blob} is missing").format(blob=blob))
            sizes[blob] = int(header[2])
        return sizes

    def blobs(self, ids: Iterable[str]) -> dict[str, bytes]:
        """The contents of blobs, read in one `git cat-file --batch`."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        out = self._git("cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in wanted).encode())
        contents: dict[str, bytes] = {}
        at = 0
        for blob in wanted:
            header_end = out.index(b"\n", at)
            header = out[at:header_end].decode().split()
            if len(header) < 3 or header[1] == "missing":
                raise CdsplanError(_("git object {blob} is missing").format(blob=blob))
            size = int(header[2])
            contents[blob] = out[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1
        return contents


def is_plan_path(path: str) -> bool:
    """A YAML file that is not hidden: a plan, or the registry (read too, so that agency ids are checked)."""
    parts = path.split("/")
    return path.endswith(SUFFIXES) and not any(part.startswith(".") for part in parts)
