"""KBO networks (every province but Bangkok), their current committee terms of about 25
seated members, and the knowledge sources of the country (committee members among them).

Seats follow the network demo's committees: the governor or a vice-governor in the chair,
provincial officials, universities, banks, the private sector, the OTOP producer network's
district representatives, a qualified expert, the development officer as secretary.
Sources' search text is made as `kbo.network.services.source_texts` makes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kbo.network import demo as vocab
from kbo.network.models import (
    CommitteeSeat,
    KnowledgeSource,
    Network,
    SeatRole,
    Sector,
    SourceKind,
    Term,
)
from kbo.search import document

from .base import Ids, Names, ProvinceInfo, World, stream, write

SOURCES = 5_000
DIP = {"north": 1, "northeast": 4, "central_east": 9, "south": 11}
G, E, PR, F, PN, X = (Sector.GOVERNMENT, Sector.EDUCATION, Sector.PRIVATE, Sector.FINANCE,
                      Sector.PRODUCER_NETWORK, Sector.EXPERT)  # fmt: skip
M = SeatRole.MEMBER
TERM_STARTS = dt.date(2023, 10, 1)


@dataclass
class NetworkInfo:
    network_id: int
    term_id: int
    seats: list[tuple[int, int, str, str]] = field(default_factory=list)  # seat, person, name, org


@dataclass
class Directory:
    """What the later stages need: each network, and the listed sources serving a province
    by expertise area."""

    networks: dict[str, NetworkInfo]
    by_area: dict[str, dict[str, list[int]]]  # province code -> area code -> source ids

    def source_for(self, code: str, areas: tuple[str, ...], turn: int) -> int | None:
        found = self.by_area.get(code, {})
        for area in areas:
            if found.get(area):
                return found[area][turn % len(found[area])]
        return None


def committee(p: ProvinceInfo, size: int, unis: list[str]) -> list[tuple]:
    head = vocab.GOVERNOR if int(p.code) % 3 == 0 else vocab.VICE_GOVERNOR
    seats = [
        head,
        (SeatRole.VICE_CHAIR, G, "รองผู้ว่าราชการจังหวัด{p}", "ศาลากลางจังหวัด{p}", (), False),
        *vocab.OFFICIALS,
        (M, G, "ท่องเที่ยวและกีฬาจังหวัด{p}", "สำนักงานการท่องเที่ยวและกีฬาจังหวัด{p}",
         ("marketing",), True),
        (M, G, "วัฒนธรรมจังหวัด{p}", "สำนักงานวัฒนธรรมจังหวัด{p}", ("design_identity",), True),
        (M, E, "คณบดีคณะวิทยาศาสตร์และเทคโนโลยี", unis[0], ("production", "food_safety"), True),
        (M, E, "อาจารย์สาขาการออกแบบผลิตภัณฑ์", unis[1], ("design_identity", "packaging"), True),
        (M, E, "อาจารย์สาขาการตลาด", unis[0], ("marketing", "ecommerce"), True),
        *vocab.BANKS,
        (M, PR, "ประธานหอการค้าจังหวัด{p}", "หอการค้าจังหวัด{p}", ("marketing",), True),
        (M, PR, "ประธานสภาอุตสาหกรรมจังหวัด{p}", "สภาอุตสาหกรรมจังหวัด{p}", ("quality",), True),
        vocab.OTOP,
        (M, X, "ผู้ทรงคุณวุฒิด้านผลิตภัณฑ์ชุมชน", "", ("design_identity", "branding"), True),
    ]  # fmt: skip
    areas = ["textiles", "food_safety", "herbal_cosmetic", "marketing", "pricing", "packaging"]
    for i, district in enumerate(p.districts[: max(0, size - len(seats) - 2)]):
        seats.append(
            (M, PN, f"ผู้แทนเครือข่าย OTOP อำเภอ{district}", f"เครือข่าย OTOP อำเภอ{district}",
             (areas[i % len(areas)],), True)
        )  # fmt: skip
    return [*seats, vocab.SECRETARY, vocab.ASSISTANT]


class Builder:
    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.rng = stream(seed, "network")
        self.names = Names(stream(seed, "network-names"))
        self.ids = {m: Ids(m) for m in (KnowledgeSource, Network, Term, CommitteeSeat)}
        self.sources: list[tuple] = []
        self.area_links: list[tuple[int, int]] = []
        self.province_links: list[tuple[int, int]] = []
        self.served: dict[int, list[str]] = {}
        self.areas_of: dict[int, tuple[str, ...]] = {}
        self.listed: set[int] = set()
        self.labels = {
            "kind": {k.value: str(k.label) for k in SourceKind},
            "sector": {s.value: str(s.label) for s in Sector},
        }
        self.region_codes: dict[str, list[str]] = {}
        for p in world.provinces:
            self.region_codes.setdefault(p.region, []).append(p.code)

    def source(self, *, p: ProvinceInfo, name: str, kind: str, sector: str, areas, title="",
               organisation="", description="", listed=True, neighbours=0) -> int:  # fmt: skip
        rng = self.rng
        sid = self.ids[KnowledgeSource].take()
        others = [c for c in self.region_codes[p.region] if c != p.code]
        served = [p.code, *rng.sample(others, min(neighbours, len(others)))]
        served.sort()
        chosen = sorted((self.world.areas[a] for a in areas), key=lambda a: (a.sort_order, a.code))
        area_text = document(
            *(a.name_th for a in chosen),
            *(a.keywords for a in chosen),
            *(a.name_en for a in chosen),
        )
        names = {q.code: q.name_th for q in self.world.provinces}
        text = document(
            name, title, organisation, self.labels["kind"][kind],
            self.labels["sector"][sector] if sector else "", description,
            *(names[c] for c in served),
        )  # fmt: skip
        phone = f"08{rng.randrange(1, 10)}-{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}"
        self.sources.append(
            (sid, kind, name, title, organisation, sector, description, p.id,
             rng.choice(vocab.AVAILABILITY), phone, listed, f"{text} {area_text}".strip(), area_text)
        )  # fmt: skip
        self.area_links += [(sid, a.id) for a in chosen]
        province_ids = {q.code: q.id for q in self.world.provinces}
        self.province_links += [(sid, province_ids[c]) for c in served]
        self.served[sid] = served
        self.areas_of[sid] = tuple(a.code for a in chosen)
        if listed:
            self.listed.add(sid)
        return sid

    def universities(self, p: ProvinceInfo) -> list[str]:
        return [f"มหาวิทยาลัยราชภัฏ{p.name_th}", f"วิทยาลัยชุมชน{p.name_th}"]

    def network(self, p: ProvinceInfo) -> NetworkInfo:
        rng = self.rng
        pn = p.name_th
        dip = f"ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ {DIP.get(p.region, 9)}"
        info = NetworkInfo(self.ids[Network].take(), self.ids[Term].take())
        self.networks.append(
            (info.network_id, p.id, f"เครือข่ายองค์ความรู้ (KBO) จังหวัด{pn}",
             rng.randint(2549, 2558), "ACTIVE", f"สำนักงานพัฒนาชุมชนจังหวัด{pn}")
        )  # fmt: skip
        self.terms.append(
            (info.term_id, info.network_id, f"คำสั่งจังหวัด{pn} ที่ {rng.randint(900, 5200)}/2566",
             dt.date(2023, 9, rng.randint(10, 28)), TERM_STARTS, None)
        )  # fmt: skip
        for order, (role, sector, position, org, areas, listed) in enumerate(
            committee(p, rng.randint(23, 27), self.universities(p)), start=1
        ):
            position, org = position.format(p=pn, dip=dip), org.format(p=pn, dip=dip)
            prefix = "ผศ.ดร." if sector == E else rng.choice(["นาย", "นาง", "นาย", "นางสาว"])
            name = self.names.person(prefix, p.region)
            person = self.source(
                p=p, name=name, kind=SourceKind.EXPERT, sector=sector, areas=areas,
                title=position, organisation=org, listed=listed,
                description=f"กรรมการเครือข่าย KBO จังหวัด{pn} ({position})",
            )  # fmt: skip
            seat = self.ids[CommitteeSeat].take()
            self.seats.append((seat, info.term_id, person, role, sector, position, org, order))
            info.seats.append((seat, person, name, org))
        return info

    def others(self, p: ProvinceInfo, quota: int) -> None:
        """Institutions of the province, then experts, companies and local wisdom by area."""
        rng, pn = self.rng, p.name_th
        fill = {"p": pn, "dip": f"ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ {DIP.get(p.region, 9)}",
                "local": pn, "style": "ผ้าทอมือ", "uni": self.universities(p)[0]}  # fmt: skip
        made = 0
        for name, kind, sector, areas, description in vocab.INSTITUTIONS:
            if made >= quota:
                return
            self.source(p=p, name=name.format(**fill), kind=kind, sector=sector, areas=areas,
                        description=description.format(**fill), neighbours=1)  # fmt: skip
            made += 1
        templates = [
            (code, t) for code, items in vocab.EXPERTS.items() for t in items
        ]  # 24 templates over 12 areas
        turn = 0
        while made < quota:
            code, (kind, sector, title, org, description) = templates[turn % len(templates)]
            turn += 1
            if kind == "COMPANY":
                name = vocab.COMPANY_NAMES[code].format(
                    local=f"{pn}{rng.choice(['', 'ทอง', 'ศรี', 'รุ่งเรือง'])}"
                )
            elif kind == "LOCAL_WISDOM":
                name = self.names.person(rng.choice(["แม่ครู", "พ่อครู"]), p.region)
            else:
                name = self.names.person(
                    "ผศ.ดร." if sector == E else rng.choice(["นาย", "นาง"]), p.region
                )
            self.source(
                p=p, name=name, kind=kind, sector=sector, areas=(code,), title=title,
                organisation=org.format(**fill),
                description=f"{description.format(**fill)} ให้บริการในจังหวัด{pn}",
                neighbours=rng.choice([0, 0, 1, 2]),
            )  # fmt: skip
            made += 1

    def build(self, scale: float) -> Directory:
        from .registry import split

        self.networks: list[tuple] = []
        self.terms: list[tuple] = []
        self.seats: list[tuple] = []
        networks = {p.code: self.network(p) for p in self.world.provinces if p.code != "10"}
        extra = max(round(SOURCES * scale) - len(self.sources), 24)
        for p, quota in zip(
            self.world.provinces, split(extra, [1] * len(self.world.provinces)), strict=True
        ):
            self.others(p, quota)
        by_area: dict[str, dict[str, list[int]]] = {}
        for sid in sorted(self.listed):
            for code in self.served[sid]:
                for area in self.areas_of[sid]:
                    by_area.setdefault(code, {}).setdefault(area, []).append(sid)
        return Directory(networks, by_area)

    def write(self) -> None:
        write(KnowledgeSource, ["id", "kind", "name", "title", "organisation", "sector",
                                "description", "home_province_id", "availability", "phone",
                                "listed", "search_text", "area_text"], self.sources)  # fmt: skip
        write(
            KnowledgeSource.areas.through,
            ["knowledgesource_id", "expertisearea_id"],
            self.area_links,
        )
        write(
            KnowledgeSource.service_provinces.through,
            ["knowledgesource_id", "province_id"],
            self.province_links,
        )
        write(Network, ["id", "province_id", "name", "founded_year", "status", "secretariat"],
              self.networks)  # fmt: skip
        write(Term, ["id", "network_id", "order_number", "order_date", "starts_on", "ends_on"],
              self.terms)  # fmt: skip
        write(CommitteeSeat, ["id", "term_id", "person_id", "role", "sector", "position",
                              "organisation", "order"], self.seats)  # fmt: skip


def generate(world: World, scale: float, seed: int) -> Directory:
    builder = Builder(world, seed)
    directory = builder.build(scale)
    builder.write()
    return directory
