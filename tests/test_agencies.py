"""The agency registry plans/agencies.yaml, read with plain yaml.safe_load only.

Checks the registry's own consistency (ids, successions, validity windows, NFC)
and the facts it encodes: 63 provinces and cities until 30/6/2025, 34 from
1/7/2025 (Nghị quyết 202/2025/QH15), Thành phố Huế from 1/1/2025 (Nghị quyết
175/2024/QH15), the ministries merged on 1/3/2025 (Nghị quyết 176/2025/QH15).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

REGISTRY = Path(__file__).parent.parent / "plans" / "agencies.yaml"

KINDS = {
    "ministry",
    "government-agency",
    "committee",
    "province",
    "unit",
    "press",
    "publisher",
    "association",
    "enterprise",
    "group",
    "person",
}
KEYS = {"id", "name", "short", "aliases", "kind", "parent", "covers", "succeeded_by", "since", "until"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

MERGED_ON = dt.date(2025, 2, 28)
MINISTRY_MERGERS = {
    "bo-tttt": "bo-khcn",
    "bo-khdt": "bo-tc",
    "bo-gtvt": "bo-xd",
    "bo-nnptnt": "bo-nnmt",
    "bo-tnmt": "bo-nnmt",
    "bo-ldtbxh": "bo-nv",
    "ubdt": "bo-dttg",
    "ubqlvnn": "bo-tc",
}

# Nghị quyết 202/2025/QH15: province (or city) that ended on 30/6/2025 -> the one it joined.
PROVINCE_MERGERS = {
    "ha-giang": "tuyen-quang",
    "yen-bai": "lao-cai",
    "bac-kan": "thai-nguyen",
    "vinh-phuc": "phu-tho",
    "hoa-binh": "phu-tho",
    "bac-giang": "bac-ninh",
    "thai-binh": "hung-yen",
    "hai-duong": "hai-phong",
    "ha-nam": "ninh-binh",
    "nam-dinh": "ninh-binh",
    "quang-binh": "quang-tri",
    "quang-nam": "da-nang",
    "kon-tum": "quang-ngai",
    "binh-dinh": "gia-lai",
    "ninh-thuan": "khanh-hoa",
    "dak-nong": "lam-dong",
    "binh-thuan": "lam-dong",
    "phu-yen": "dak-lak",
    "ba-ria-vung-tau": "ho-chi-minh",
    "binh-duong": "ho-chi-minh",
    "binh-phuoc": "dong-nai",
    "long-an": "tay-ninh",
    "soc-trang": "can-tho",
    "hau-giang": "can-tho",
    "ben-tre": "vinh-long",
    "tra-vinh": "vinh-long",
    "tien-giang": "dong-thap",
    "bac-lieu": "ca-mau",
    "kien-giang": "an-giang",
}
UNCHANGED_2025 = {
    "ha-noi",
    "hue",
    "lai-chau",
    "dien-bien",
    "son-la",
    "lang-son",
    "quang-ninh",
    "thanh-hoa",
    "nghe-an",
    "ha-tinh",
    "cao-bang",
}

# /work/tmp/agency-ids.md: the ids every plan uses.
SHARED_IDS = [
    "bo-qp",
    "bo-ca",
    "bo-ng",
    "bo-nv",
    "bo-tp",
    "bo-khdt",
    "bo-tc",
    "bo-ct",
    "bo-nnptnt",
    "bo-gtvt",
    "bo-xd",
    "bo-tnmt",
    "bo-tttt",
    "bo-ldtbxh",
    "bo-vhttdl",
    "bo-khcn",
    "bo-gddt",
    "bo-yt",
    "ubdt",
    "nhnn",
    "ttcp",
    "vpcp",
    "bhxh",
    "ttxvn",
    "vtv",
    "vov",
    "hvctqg",
    "vhl-khxh",
    "vhl-khcn",
    "ubqlvnn",
    "chinh-phu",
    "ttg",
    "ubqgcds",
    "tand-tc",
    "vksnd-tc",
    "ktnn",
    "bo-nnmt",
    "bo-dttg",
    "ha-noi",
    "ho-chi-minh",
    "hai-phong",
    "da-nang",
    "can-tho",
    "an-giang",
    "ba-ria-vung-tau",
    "bac-lieu",
    "bac-giang",
    "bac-kan",
    "bac-ninh",
    "ben-tre",
    "binh-dinh",
    "binh-duong",
    "binh-phuoc",
    "binh-thuan",
    "ca-mau",
    "cao-bang",
    "dak-lak",
    "dak-nong",
    "dien-bien",
    "dong-nai",
    "dong-thap",
    "gia-lai",
    "ha-giang",
    "ha-nam",
    "ha-tinh",
    "hai-duong",
    "hau-giang",
    "hoa-binh",
    "hung-yen",
    "khanh-hoa",
    "kien-giang",
    "kon-tum",
    "lai-chau",
    "lam-dong",
    "lang-son",
    "lao-cai",
    "long-an",
    "nam-dinh",
    "nghe-an",
    "ninh-binh",
    "ninh-thuan",
    "phu-tho",
    "phu-yen",
    "quang-binh",
    "quang-nam",
    "quang-ngai",
    "quang-ninh",
    "quang-tri",
    "soc-trang",
    "son-la",
    "tay-ninh",
    "thai-binh",
    "thai-nguyen",
    "thanh-hoa",
    "thua-thien-hue",
    "tien-giang",
    "tra-vinh",
    "tuyen-quang",
    "vinh-long",
    "vinh-phuc",
    "yen-bai",
    "hue",
    "bo-nganh-dia-phuong",
    "bo-nganh",
    "dia-phuong",
    "hoi-hiep-hoi",
    "bao-chi-truyen-thong",
    "doanh-nghiep",
]


@pytest.fixture(scope="module")
def text() -> str:
    return REGISTRY.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(text: str) -> dict:
    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def agencies(doc: dict) -> list[dict]:
    return doc["agencies"]


@pytest.fixture(scope="module")
def by_id(agencies: list[dict]) -> dict[str, dict]:
    return {a["id"]: a for a in agencies}


def exists_on(agency: dict, day: dt.date) -> bool:
    since, until = agency.get("since"), agency.get("until")
    return (since is None or since <= day) and (until is None or day <= until)


def provinces_on(agencies: list[dict], day: dt.date) -> set[str]:
    return {a["id"] for a in agencies if a["kind"] == "province" and exists_on(a, day)}


def all_names(agency: dict) -> list[str]:
    return [agency["name"], *agency.get("short", []), *agency.get("aliases", [])]


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def fold(text: str) -> str:
    return slug(text).replace("-", " ")


# --------------------------------------------------------------------------- the file


def test_document_shape(doc: dict) -> None:
    assert next(iter(doc)) == "schema"
    assert doc["schema"] == "cdsplan/v1"
    assert set(doc) == {"schema", "sources", "agencies"}
    assert doc["sources"] and all(isinstance(s, str) and s.strip() for s in doc["sources"])
    for number in ("176/2025/QH15", "202/2025/QH15", "175/2024/QH15", "58/NQ-CP"):
        assert any(number in s for s in doc["sources"]), number


def test_file_is_nfc_and_plain(text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    assert "\t" not in text
    assert not re.search(r"(^|[\s\[,])[&*!][A-Za-z0-9]", text, re.M), "anchors, aliases or tags"
    assert all(line == line.rstrip() for line in text.splitlines())
    for line in text.splitlines():
        if line.lstrip().startswith("- id:"):
            assert line.startswith("  - id: "), line


def test_every_entry_has_known_keys_and_kind(agencies: list[dict]) -> None:
    for a in agencies:
        assert set(a) <= KEYS, (a["id"], set(a) - KEYS)
        assert {"id", "name", "kind"} <= set(a), a
        assert a["kind"] in KINDS, a["id"]
        for key in ("short", "aliases"):
            assert isinstance(a.get(key, []), list), (a["id"], key)
        for key in ("since", "until"):
            assert a.get(key) is None or type(a[key]) is dt.date, (a["id"], key)
        if a.get("since") and a.get("until"):
            assert a["since"] <= a["until"], a["id"]


def test_ids_are_unique_ascii_slugs(agencies: list[dict]) -> None:
    ids = [a["id"] for a in agencies]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for i in ids:
        assert isinstance(i, str) and SLUG.fullmatch(i), i
        assert re.fullmatch(r"[a-z0-9-]+", i), i


def test_shared_ids_are_all_there(by_id: dict[str, dict]) -> None:
    assert sorted(set(SHARED_IDS) - set(by_id)) == []


def test_names_are_nfc_clean_and_not_repeated(agencies: list[dict]) -> None:
    for a in agencies:
        names = all_names(a)
        for n in names:
            assert isinstance(n, str) and n, a["id"]
            assert unicodedata.is_normalized("NFC", n), (a["id"], n)
            assert n == n.strip() and "  " not in n, (a["id"], n)
        folded_case = [n.casefold() for n in names]
        assert len(folded_case) == len(set(folded_case)), (a["id"], names)


def test_no_name_points_at_two_agencies(agencies: list[dict]) -> None:
    """A name, abbreviation or alias (accents, case and punctuation folded) names one agency
    within its parent: "Vụ Kế hoạch - Tài chính" exists in several ministries, each once."""
    owner: dict[tuple[str | None, str], str] = {}
    for a in agencies:
        for key in {(a.get("parent"), fold(n)) for n in all_names(a)}:
            assert key not in owner, (key, owner.get(key), a["id"])
            owner[key] = a["id"]


# --------------------------------------------------------------------------- successions


def test_succession_targets_exist_and_follow_on(by_id: dict[str, dict]) -> None:
    for a in by_id.values():
        target = a.get("succeeded_by")
        if target is None:
            assert a.get("until") is None, f"{a['id']} ends without a successor"
            continue
        assert target in by_id, (a["id"], target)
        assert target != a["id"]
        assert a.get("until") is not None, f"{a['id']} has a successor but no until"
        next_day = a["until"] + dt.timedelta(days=1)
        assert exists_on(by_id[target], next_day), (a["id"], target, next_day)


def test_successions_have_no_cycles(by_id: dict[str, dict]) -> None:
    for start in by_id:
        seen, current = set(), start
        while current is not None:
            assert current not in seen, f"cycle through {start}"
            seen.add(current)
            current = by_id.get(current, {}).get("succeeded_by")


def test_merged_ministries_end_on_28_february_2025(by_id: dict[str, dict]) -> None:
    for old, new in MINISTRY_MERGERS.items():
        assert by_id[old]["until"] == MERGED_ON, old
        assert by_id[old]["succeeded_by"] == new, old
    for new in ("bo-nnmt", "bo-dttg"):
        assert by_id[new]["since"] == dt.date(2025, 3, 1)
        assert by_id[new]["kind"] == "ministry"
    ended = {a["id"] for a in by_id.values() if a["kind"] == "ministry" and a.get("until")}
    assert ended == set(MINISTRY_MERGERS) - {"ubqlvnn"}


def test_government_after_1_march_2025(agencies: list[dict]) -> None:
    """14 ministries and 3 ministry-level bodies (Nghị quyết 176/2025/QH15)."""
    before = {a["id"] for a in agencies if a["kind"] == "ministry" and exists_on(a, MERGED_ON)}
    after = {a["id"] for a in agencies if a["kind"] == "ministry" and exists_on(a, dt.date(2025, 3, 1))}
    assert len(before) == 22  # 18 bộ, 4 cơ quan ngang bộ (Nghị quyết 08/2021/QH15)
    assert len(after) == 17
    assert {"ubdt", "bo-tttt"} <= before and not {"ubdt", "bo-tttt"} & after


def test_official_names(by_id: dict[str, dict]) -> None:
    assert by_id["bo-tttt"]["name"] == "Bộ Thông tin và Truyền thông"
    assert "Bộ TT&TT" in by_id["bo-tttt"]["short"] and "BTTTT" in by_id["bo-tttt"]["short"]
    assert "Bộ Thông tin - Truyền thông" in by_id["bo-tttt"]["aliases"]
    assert "Bộ LĐ-TB&XH" in by_id["bo-ldtbxh"]["short"]
    assert by_id["bhxh"]["kind"] == "government-agency"
    assert by_id["ttg"]["kind"] == "person"
    assert by_id["ho-chi-minh"]["name"] == "Thành phố Hồ Chí Minh"
    assert {"TP. Hồ Chí Minh", "TP.HCM"} <= set(by_id["ho-chi-minh"]["short"])
    assert by_id["an-giang"]["name"] == "Tỉnh An Giang"
    assert "UBND tỉnh An Giang" in by_id["an-giang"]["short"]
    assert "An Giang" in by_id["an-giang"]["aliases"]
    assert {"Thừa Thiên Huế", "Thừa Thiên - Huế"} <= set(by_id["thua-thien-hue"]["aliases"])
    assert {"Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"} <= set(all_names(by_id["ba-ria-vung-tau"]))


# --------------------------------------------------------------------------- provinces


def test_63_provinces_in_2023(agencies: list[dict]) -> None:
    on = provinces_on(agencies, dt.date(2023, 1, 1))
    assert len(on) == 63
    assert "thua-thien-hue" in on and "hue" not in on


def test_still_63_on_30_june_2025_with_hue(agencies: list[dict]) -> None:
    on = provinces_on(agencies, dt.date(2025, 6, 30))
    assert len(on) == 63
    assert "hue" in on and "thua-thien-hue" not in on


def test_34_provinces_from_1_july_2025(agencies: list[dict]) -> None:
    on = provinces_on(agencies, dt.date(2025, 7, 1))
    assert len(on) == 34
    assert on == UNCHANGED_2025 | set(PROVINCE_MERGERS.values())
    cities = {i for i in on if next(a for a in agencies if a["id"] == i)["name"].startswith("Thành phố ")}
    assert cities == {"ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho", "hue"}


def test_province_mergers_of_2025(by_id: dict[str, dict]) -> None:
    ended = {a["id"]: a["succeeded_by"] for a in by_id.values() if a["kind"] == "province" and a.get("until") == dt.date(2025, 6, 30)}
    assert ended == PROVINCE_MERGERS
    assert len(set(PROVINCE_MERGERS.values())) == 23
    for keeper in set(PROVINCE_MERGERS.values()) | UNCHANGED_2025:
        assert by_id[keeper].get("until") is None and by_id[keeper].get("succeeded_by") is None, keeper


def test_hue(by_id: dict[str, dict]) -> None:
    assert by_id["thua-thien-hue"]["until"] == dt.date(2024, 12, 31)
    assert by_id["thua-thien-hue"]["succeeded_by"] == "hue"
    assert by_id["hue"]["since"] == dt.date(2025, 1, 1)
    assert by_id["hue"]["name"] == "Thành phố Huế"


def test_province_ids_follow_the_naming_rule(agencies: list[dict]) -> None:
    for a in agencies:
        if a["kind"] != "province":
            continue
        bare = re.sub(r"^(Tỉnh|Thành phố) ", "", a["name"])
        assert bare != a["name"], a["name"]
        assert slug(bare) == a["id"], (a["id"], a["name"])


def test_groups(by_id: dict[str, dict]) -> None:
    for gid in ("bo-nganh-dia-phuong", "bo-nganh", "dia-phuong", "hoi-hiep-hoi", "bao-chi-truyen-thong", "doanh-nghiep"):
        assert by_id[gid]["kind"] == "group", gid


def test_parents_have_no_cycles(by_id: dict[str, dict]) -> None:
    for start in by_id:
        seen, current = set(), start
        while current is not None:
            assert current not in seen, f"parent cycle through {start}"
            seen.add(current)
            current = by_id.get(current, {}).get("parent")


# --------------------------------------------------------------------------- units and parent loops


def _registry(*rows: tuple[str, str | None, str]):
    """A Registry of (id, parent, kind) rows."""
    from cdsplan.agencies import AgencyRecord, Registry

    return Registry(AgencyRecord(agency_id, f"Cơ quan {agency_id}", kind=kind, parent=parent) for agency_id, parent, kind in rows)


def _units_by_scanning(registry, agency_id: str) -> list[str]:
    """Registry.units as it was first written: the whole registry scanned for each unit."""
    found: list[str] = []
    for agency in registry.by_id.values():
        if agency.parent == agency_id and agency.kind != "group":
            found += [agency.id, *_units_by_scanning(registry, agency.id)]
    return found


def test_units_are_depth_first_in_registry_order_groups_aside() -> None:
    registry = _registry(
        ("bo", None, "ministry"),
        ("vu-a", "bo", "unit"),
        ("nhom", "bo", "group"),
        ("vu-b", "bo", "unit"),
        ("phong-a1", "vu-a", "unit"),
        ("to-a1", "phong-a1", "unit"),
        ("phong-b1", "vu-b", "unit"),
        ("phong-a2", "vu-a", "unit"),
        ("khac", None, "ministry"),
    )
    assert registry.units("bo") == ["vu-a", "phong-a1", "to-a1", "phong-a2", "vu-b", "phong-b1"]
    for agency_id in registry.ids:
        assert registry.units(agency_id) == _units_by_scanning(registry, agency_id), agency_id
    assert registry.units("khac") == [] and registry.units("khong-co") == []


def test_units_end_when_parents_go_round_in_a_loop() -> None:
    """Two agencies each the other's parent, one its own, a longer loop with a branch: finite,
    each unit once, and an agency is never its own unit."""
    pair = _registry(("bo-yt", "bo-khcn", "ministry"), ("bo-khcn", "bo-yt", "ministry"), ("vu", "bo-yt", "unit"))
    assert pair.units("bo-yt") == ["bo-khcn", "vu"]
    assert pair.units("bo-khcn") == ["bo-yt", "vu"]
    assert _registry(("mot", "mot", "unit")).units("mot") == []
    ring = _registry(("a", "c", "unit"), ("b", "a", "unit"), ("c", "b", "unit"), ("d", "b", "unit"))
    assert ring.units("a") == ["b", "c", "d"]
    assert ring.units("d") == []


def test_units_of_thousands_and_of_a_deep_chain_are_listed_without_recursion() -> None:
    import sys

    wide = _registry(("bo-yt", None, "ministry"), *((f"co-quan-{n}", "bo-yt", "unit") for n in range(20_000)))
    deep = _registry(
        ("bo-yt", None, "ministry"), *((f"cap-{n}", f"cap-{n - 1}" if n else "bo-yt", "unit") for n in range(3 * sys.getrecursionlimit()))
    )
    assert len(wide.units("bo-yt")) == 20_000  # scanning for each unit: 400 million steps
    assert len(deep.units("bo-yt")) == 3 * sys.getrecursionlimit()  # recursion: RecursionError


def test_a_parent_loop_is_a_located_check_problem(tmp_path: Path) -> None:
    from .conftest import TINY_AGENCIES, check

    plans = tmp_path / "plans"
    plans.mkdir()
    registry = TINY_AGENCIES.replace("    kind: ministry\n  - id: bo-yt", "    kind: ministry\n    parent: bo-yt\n  - id: bo-yt")
    registry += "    parent: bo-tttt\n  - id: vu\n    name: Vụ thử\n    kind: unit\n    parent: vu\n"
    (plans / "agencies.yaml").write_text(registry, encoding="utf-8")
    problems = [problem for problem in check([plans], root=tmp_path).problems if problem.code == "parent-loop"]
    lines = registry.splitlines()
    first = next(number for number, line in enumerate(lines, 1) if line == "    parent: bo-yt")
    own = next(number for number, line in enumerate(lines, 1) if line == "    parent: vu")
    assert [(problem.line, problem.column, problem.severity, problem.message) for problem in problems] == [
        (first, 13, "error", "the agencies' parents go round in a loop: bo-tttt → bo-yt → bo-tttt"),
        (own, 13, "error", "the agencies' parents go round in a loop: vu → vu"),
    ]
    assert all(problem.file.endswith("agencies.yaml") for problem in problems)


def test_parent_loops_are_found_once_each() -> None:

    from cdsplan.rules.parent_loop import loops

    assert loops({"a": "b", "b": "a", "c": "a", "d": None, "e": "x"}) == [["a", "b"]]
    assert loops({"a": "a", "b": "c", "c": "d", "d": "b"}) == [["a"], ["b", "c", "d"]]
    chain = {f"u{n}": f"u{n + 1}" for n in range(100_000)}
    chain["u100000"] = "u0"
    assert [len(loop) for loop in loops(chain)] == [100_001]
