"""Shared pieces of the generator: id blocks, the bulk writer, the reference world, names."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import connection, models
from django.utils import timezone

from kbo.core.bulk import copy_rows

CHUNK = 50_000  # rows per COPY / bulk_create call (bounds memory of the row lists)
YEARS = (2563, 2564, 2565, 2566, 2567)


def stream(seed: int, *parts: object) -> random.Random:
    """An independent random stream for one part of the data (string seeds are stable)."""
    return random.Random("-".join(str(p) for p in (seed, *parts)))


def fiscal_start(year_be: int) -> dt.date:
    """1 October of the CE year before: fiscal 2563 starts on 1 October 2019."""
    return dt.date(year_be - 544, 10, 1)


def aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class Ids:
    """Primary keys handed out in blocks after the table's current maximum, so rows can
    refer to each other before they are written (sequences are reset afterwards)."""

    used: set[type[models.Model]] = set()

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        Ids.used.add(model)
        self.next = (model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def reset_sequences() -> None:
    """PostgreSQL: move each id sequence past the ids written explicitly."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in Ids.used:
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s),"
                f' COALESCE((SELECT max("{pk}") FROM "{table}"), 0) + 1, false)',
                [table, pk],
            )


def _filler(model: type[models.Model], given: list[str]) -> tuple[list[str], list[object]]:
    """The NOT NULL columns the caller left out, with the value the model would store."""
    now = timezone.now()
    names, values = [], []
    for f in model._meta.concrete_fields:
        if f.attname in given or f.primary_key or f.null:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value: object = now
        else:
            value = f.get_default()
        if value is None:
            raise ValueError(f"{model.__name__}.{f.attname} needs a value")
        names.append(f.attname)
        values.append(value)
    return names, values


def write(model: type[models.Model], columns: list[str], rows: list[tuple]) -> int:
    """Insert plain tuples (COPY on PostgreSQL, bulk_create elsewhere), in chunks; columns
    left out get the model's default (or now, for time stamps). Returns the row count."""
    extra, values = _filler(model, columns)
    names = [*columns, *extra]
    tail = tuple(values)
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        copy_rows(model, names, [row + tail for row in chunk] if tail else chunk)
    return len(rows)


@dataclass
class Place:
    id: int
    code: str
    name_th: str
    district_id: int
    district_name: str


@dataclass
class ProvinceInfo:
    id: int
    code: str
    name_th: str
    region: str
    places: list[Place] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)


@dataclass
class Area:
    id: int
    code: str
    name_th: str
    name_en: str
    keywords: str
    sort_order: int


@dataclass
class World:
    """The reference rows every stage reads: geography, expertise areas, star rounds."""

    provinces: list[ProvinceInfo]
    areas: dict[str, Area]
    regions: dict[str, int]
    rounds: dict[int, int]
    bands: list[tuple[int, int]]
    subcategories: dict[str, int]
    today: dt.date

    def province(self, code: str) -> ProvinceInfo:
        return next(p for p in self.provinces if p.code == code)


def load_world(today: dt.date) -> World:
    from kbo.geo.models import Province, Region, Subdistrict
    from kbo.network.areas import ensure_areas
    from kbo.network.models import ExpertiseArea
    from kbo.registry import demo as registry_demo
    from kbo.registry.models import StarBand, StarRound

    subcategories = registry_demo.ensure_reference_data()
    ensure_areas()
    provinces = {
        p.code: ProvinceInfo(p.id, p.code, p.name_th, p.region.code if p.region else "central_east")
        for p in Province.objects.select_related("region").order_by("code")
    }
    districts: dict[str, dict[str, None]] = {code: {} for code in provinces}
    for s in (
        Subdistrict.objects.select_related("district", "province")
        .order_by("code")
        .only("id", "code", "name_th", "district__name_th", "district_id", "province__code")
    ):
        info = provinces[s.province.code]
        info.places.append(Place(s.id, s.code, s.name_th, s.district_id, s.district.name_th))
        districts[s.province.code][s.district.name_th] = None
    for code, names in districts.items():
        provinces[code].districts = list(names)
    return World(
        provinces=[p for p in provinces.values() if p.places],
        areas={
            a.code: Area(a.id, a.code, a.name_th, a.name_en, a.keywords, a.sort_order)
            for a in ExpertiseArea.objects.all()
        },
        regions=dict(Region.objects.values_list("code", "id")),
        rounds=dict(StarRound.objects.values_list("year", "id")),
        bands=[
            (s, int(m))
            for s, m in StarBand.objects.order_by("-stars").values_list("stars", "min_score")
        ],
        subcategories={key: s.pk for key, s in subcategories.items()},
        today=today,
    )


# People's names: the demos' names, and some of the South, mixed for many unique names.
SOUTH_FAMILY = ["ทองสุข", "แก้วมณี", "ชูช่วย", "เพชรสุวรรณ", "หนูแก้ว", "ศรีทอง", "บัวทอง",
                "สุขสวัสดิ์", "จันทร์แก้ว", "คงทอง", "ขาวสุข", "ด้วงทอง"]  # fmt: skip


class Names:
    """Made-up Thai names for people, each one used once while the combinations last."""

    def __init__(self, rng: random.Random) -> None:
        from kbo.network import demo as network_demo
        from kbo.registry import demo as registry_demo

        self.rng = rng
        self.first = sorted(
            {
                *network_demo.FIRST,
                *(n for names in registry_demo.FIRST_NAMES.values() for n in names),
            }
        )
        families = registry_demo.FAMILY_NAMES
        self.family = {
            "north": families["north"],
            "northeast": families["northeast"],
            "central_east": families["central"],
            "south": SOUTH_FAMILY,
        }
        self.last = sorted({*network_demo.LAST, *(n for v in self.family.values() for n in v)})
        self.used: set[str] = set()

    def person(self, prefix: str, region: str | None = None) -> str:
        last = self.family.get(region or "", self.last)
        name = ""
        for attempt in range(12):
            pool = last if attempt < 6 else self.last
            name = f"{prefix}{self.rng.choice(self.first)} {self.rng.choice(pool)}"
            if name not in self.used:
                break
        self.used.add(name)
        return name
