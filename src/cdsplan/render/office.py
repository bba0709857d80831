"""Who writes a report or a letter: the sending office, its symbol, place and signature.

From `[tool.cdsplan]` (sender, sender_symbol, place, signer, signer_title, reply_days), each
overridable by a command-line option; where neither says, the issuer of the plans asked
about when they all have one, else a visible blank ("……") for the office to fill in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..agencies import Registry
from ..errors import UsageError
from ..i18n import _
from ..settings import Settings
from .layout import issuer
from .words import PLACE_BLANK


@dataclass(frozen=True, slots=True)
class Writer:
    """The office a document is from, as the documents print it."""

    who: dict[str, Any] | None  # layout.issuer(), or None: left blank
    symbol: str  # "UBQGCĐS", or "" (blank)
    place: str  # "Hà Nội", or PLACE_BLANK
    signer: str
    signer_title: str

    @property
    def name(self) -> str:
        """The office in running text: "Ủy ban Quốc gia về chuyển đổi số", or "……"."""
        return self.who["formal"] if self.who else "……"

    def number(self, kind: str = "") -> str:
        """'Số:      /BC-UBQGCĐS' (a report), 'Số:      /UBQGCĐS' (a công văn): the number is the
        office's, filled in when the document is registered."""
        symbol = "-".join(part for part in (kind, self.symbol or "……") if part)
        return f"Số:{' ' * 6}/{symbol}"


@dataclass(frozen=True, slots=True)
class WriterOptions:
    """Command-line options over `[tool.cdsplan]`; None: the setting."""

    sender: str | None = None
    sender_symbol: str | None = None
    place: str | None = None
    signer: str | None = None
    signer_title: str | None = None


def _symbol(registry: Registry | None, agency_id: str) -> str:
    """The agency's abbreviation as a symbol: the first short name that is one word."""
    agency = registry.by_id.get(agency_id) if registry else None
    return next((short for short in (agency.short if agency else ()) if " " not in short), "")


def writer(settings: Settings, options: WriterOptions, registry: Registry | None, issuers: Iterable[str]) -> Writer:
    """The sender of a document about plans of issuers (the one issuer stands in for a sender
    nobody named)."""
    sender = options.sender or settings.sender
    if sender is not None and (registry is None or sender not in registry):
        where = "--sender" if options.sender else f"{settings.origin or 'pyproject.toml'}: [tool.cdsplan] sender"
        raise UsageError(_("{where} = {id!r} is not an agency of the registry (plans/agencies.yaml)").format(where=where, id=sender))
    if sender is None:
        distinct = sorted(set(issuers))
        sender = distinct[0] if len(distinct) == 1 else None
    symbol = options.sender_symbol or settings.sender_symbol or (_symbol(registry, sender) if sender else "")
    return Writer(
        who=issuer(registry, sender) if sender else None,
        symbol=symbol,
        place=options.place or settings.place or PLACE_BLANK,
        signer=options.signer or settings.signer or "",
        signer_title=(options.signer_title or settings.signer_title or "").replace("\\n", "\n"),
    )
