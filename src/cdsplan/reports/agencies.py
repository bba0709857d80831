"""`cdsplan agencies`: the registry as a reader looks it up — id, name, abbreviations, kind,
successor — in Vietnamese order (docs/collation.md), as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

from ..agencies import AgencyRecord, Registry
from ..console import display_width, wrap
from ..i18n import N_, _, ngettext
from ..text import fold

KIND_WORDS = {
    "committee": N_("committee"),
    "ministry": N_("ministry"),
    "government-agency": N_("government agency"),
    "province": N_("province"),
    "unit": N_("unit"),
    "press": N_("press"),
    "publisher": N_("publisher"),
    "association": N_("association"),
    "enterprise": N_("enterprise"),
    "group": N_("group"),
    "person": N_("person"),
}


_ID_COLUMN = 20  # most ids are shorter; a longer one takes a line of its own


def listed(registry: Registry, query: str | None) -> list[AgencyRecord]:
    """The agencies query names — by id, name, abbreviation or alias, or by words of the name
    ("y te"), accents and case aside — or all of them; in Vietnamese order."""
    agencies = list(registry.by_id.values())
    if query:
        found = {agency.id for agency in registry.find(query)}
        words = fold(query).split()
        for agency in agencies:
            names = " ".join(fold(name) for name in (agency.id, agency.name, *agency.short, *agency.aliases)).split()
            if all(any(name.startswith(word) for name in names) for word in words):
                found.add(agency.id)
        agencies = [agency for agency in agencies if agency.id in found]
    return sorted(agencies, key=lambda agency: registry.order(agency.id))


def _record(agency: AgencyRecord, registry: Registry) -> dict[str, object]:
    return {
        "id": agency.id,
        "name": agency.name,
        "short": list(agency.short),
        "aliases": list(agency.aliases),
        "kind": agency.kind,
        "parent": agency.parent,
        "succeeded_by": agency.succeeded_by,
        "successor": registry.name(agency.succeeded_by) if agency.succeeded_by else None,
        "since": agency.since.isoformat() if agency.since else None,
        "until": agency.until.isoformat() if agency.until else None,
    }


def render(agencies: list[AgencyRecord], registry: Registry, fmt: str, width: int = 80) -> str:
    if fmt == "json":
        return json.dumps([_record(agency, registry) for agency in agencies], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(["id", "name", "short", "kind", "succeeded_by", "until"])
        for agency in agencies:
            writer.writerow(
                [
                    agency.id,
                    agency.name,
                    "; ".join(agency.short),
                    agency.kind,
                    agency.succeeded_by or "",
                    agency.until.isoformat() if agency.until else "",
                ]
            )
        return "\ufeff" + buffer.getvalue()  # Excel opens UTF-8 Vietnamese intact with a BOM
    return _table(agencies, registry, width)


def _table(agencies: list[AgencyRecord], registry: Registry, width: int) -> str:
    if not agencies:
        return _("No agency matches.") + "\n"
    id_width = min(max(display_width(agency.id) for agency in agencies), _ID_COLUMN)
    kind_width = max(display_width(_(KIND_WORDS[agency.kind])) for agency in agencies)
    indent = id_width + kind_width + 4
    room = max(width - indent, 20)
    lines = []
    for agency in agencies:
        text = agency.name
        if agency.short:
            text += f" ({', '.join(agency.short)})"
        if agency.succeeded_by:
            text += " → " + _("merged into {successor}").format(successor=registry.name(agency.succeeded_by))
            if agency.until:
                text += " " + _("after {day}").format(day=f"{agency.until:%d/%m/%Y}")
        described = wrap(text, room) or [""]
        kind = _(KIND_WORDS[agency.kind])
        if display_width(agency.id) > id_width:  # an id is never cut: it is what users type
            lines.append(agency.id)
            lines.append(f"{'':<{id_width}}  {kind:<{kind_width}}  {described[0]}".rstrip())
        else:
            lines.append(f"{agency.id:<{id_width}}  {kind:<{kind_width}}  {described[0]}".rstrip())
        lines += [" " * indent + line for line in described[1:]]
    lines += ["", ngettext("{count} agency", "{count} agencies", len(agencies)).format(count=len(agencies))]
    return "\n".join(lines) + "\n"
