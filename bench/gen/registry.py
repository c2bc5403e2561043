"""Producers and products of every province, with their histories.

A province's share of the country follows its number of subdistricts (a big province has
more producers). Each province draws its rows from its own random stream, so a province's
rows depend only on the seed and the scale. Names, units, prices, stories and certificate
numbers come from the registry demo's vocabularies (`kbo.registry.demo`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

from kbo.registry import demo as vocab
from kbo.registry import services
from kbo.registry.models import (
    Certificate,
    Producer,
    Product,
    Sale,
    SegmentAssessment,
    StarRating,
)

from .base import YEARS, Ids, ProvinceInfo, World, stream, write

PRODUCERS = 95_000
PRODUCTS = 212_000
ROUND_YEARS = vocab.ROUND_YEARS  # 2559, 2562, 2565, 2567
TRADES = {"food": 0.3, "textile": 0.25, "household": 0.2, "herbal": 0.13, "beverage": 0.12}
STYLES = {
    "north": ["ฝ้าย", "ตีนจก", "ไทลื้อ", "กะเหรี่ยง", ""],
    "northeast": ["ภูไท", "ย้อมคราม", "มัดหมี่", "ไหม", ""],
    "central_east": ["มัดย้อม", "ปักมือ", "ลายไทย", ""],
    "south": ["ปาเต๊ะ", "บาติก", "ยกดอก", "เกาะยอ", ""],
}
CHANNELS = ("SHOP", "FAIR", "ONLINE", "WHOLESALE")
# Registration years (BE) and their weights: few early, most between 2550 and 2562.
REG_YEARS = list(range(2540, 2568))
REG_WEIGHTS = [1 if y < 2546 else 3 if y < 2550 else 6 if y < 2563 else 3 for y in REG_YEARS]


def catalogue() -> dict[str, list[tuple[str, str, int, int, str]]]:
    """The demo's products of its four provinces, merged by trade (each name once)."""
    merged: dict[str, dict[str, tuple]] = {trade: {} for trade in TRADES}
    for trades in vocab.CATALOGUE.values():
        for trade, items in trades.items():
            for item in items:
                merged[trade].setdefault(item[0], item)
    return {trade: list(items.values()) for trade, items in merged.items()}


CATALOGUE = catalogue()


def split(total: int, weights: list[int]) -> list[int]:
    """`total` spread over the weights by largest remainder (deterministic)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class Item:
    """What the later stages need of a generated product."""

    id: int
    code: str
    name: str
    category: str
    producer_id: int
    producer_name: str
    contact: str
    phone: str
    registered_year: int
    segment: str
    stars: int | None


@dataclass
class Rows:
    """One province's rows, as tuples in the column order of `COLUMNS`."""

    producers: list[tuple]
    products: list[tuple]
    ratings: list[tuple]
    segments: list[tuple]
    certificates: list[tuple]
    sales: list[tuple]
    items: list[Item]


COLUMNS = {
    Producer: ["id", "code", "producer_type", "name", "registered_year", "registered_quarter",
               "province_id", "district_id", "subdistrict_id", "village_no", "address",
               "contact_name", "phone", "id_number", "member_count", "community_linkage",
               "search_text"],
    Product: ["id", "code", "producer_id", "province_id", "name", "brand", "category",
              "subcategory_id", "description", "story", "price", "unit", "capacity",
              "sales_channels", "shop_links", "current_stars", "current_star_year",
              "current_segment", "search_text"],
    StarRating: ["product_id", "round_id", "stars", "score", "score_strength",
                 "score_marketing", "score_quality"],
    SegmentAssessment: ["product_id", "year", "segment"],
    Certificate: ["product_id", "kind", "number", "issuer", "grade", "issued_on", "expires_on"],
    Sale: ["product_id", "fiscal_year", "channel", "amount", "units"],
}  # fmt: skip


class ProvinceBuilder:
    """Draws one province's producers and products from its own random stream."""

    def __init__(self, world: World, province: ProvinceInfo, seed: int, ids: dict) -> None:
        self.world, self.p = world, province
        self.rng: random.Random = stream(seed, "registry", province.code)
        self.ids = ids
        self.rows = Rows([], [], [], [], [], [], [])
        self.places = {
            place.id: services.place_text(place.name_th, place.district_name, province.name_th)
            for place in province.places
        }
        rng = self.rng
        self.trades = {t: w * rng.uniform(0.6, 1.4) for t, w in TRADES.items()}
        self.styles = STYLES.get(province.region, STYLES["central_east"])
        self.family = vocab.FAMILY_NAMES.get(
            {"central_east": "central", "south": "central"}.get(province.region, province.region),
            vocab.FAMILY_NAMES["central"],
        )

    def person(self) -> tuple[str, str]:
        rng = self.rng
        sex = "female" if rng.random() < 0.7 else "male"
        title = "นาย" if sex == "male" else rng.choice(["นาง", "นาง", "นาง", "นางสาว"])
        first = rng.choice(vocab.FIRST_NAMES[sex])
        return f"{title}{first} {rng.choice(self.family)}", first

    def build(self, producers: int, products: int) -> Rows:
        counts = self.counts(products, producers)
        for n, count in enumerate(counts, start=1):
            self.producer(n, count)
        return self.rows

    def counts(self, total: int, parts: int, most: int = 8) -> list[int]:
        """`total` products over `parts` producers: one to `most` each, few with many."""
        rng = self.rng
        cumulative = list(accumulate(rng.paretovariate(1.5) for _ in range(parts)))
        counts = [1] * parts
        for i in rng.choices(range(parts), cum_weights=cumulative, k=max(0, total - parts)):
            while counts[i] >= most:
                i = rng.randrange(parts)
            counts[i] += 1
        return counts

    def producer(self, n: int, count: int) -> None:
        rng, p = self.rng, self.p
        place = rng.choice(p.places)
        trade = rng.choices(list(self.trades), weights=list(self.trades.values()))[0]
        kind = rng.choices(["COMMUNITY_GROUP", "SINGLE_OWNER", "SME"], weights=[55, 43, 2])[0]
        contact, first = self.person()
        village = place.name_th + rng.choice(vocab.VILLAGE_SUFFIXES)
        if kind == "COMMUNITY_GROUP":
            name = rng.choice(vocab.GROUP_NAMES[trade]).format(v=village, s=rng.choice(self.styles))
        elif kind == "SME":
            name = rng.choice(vocab.SME_NAMES).format(v=village)
        else:
            name = contact
        if kind == "SME":
            id_number = vocab.id13(f"0{p.code}5{rng.randint(0, 99999999):08d}")
        else:
            id_number = vocab.id13(
                f"{rng.choice('13')}{place.code[:4]}{rng.randint(0, 9999999):07d}"
            )
        year = rng.choices(REG_YEARS, weights=REG_WEIGHTS)[0]
        village_no = rng.randint(1, 15)
        code = f"{p.code}G{n:05d}"
        phone = f"0{rng.choice('689')}{rng.randint(0, 99999999):08d}"
        pid = self.ids[Producer].take()
        members = {"COMMUNITY_GROUP": (8, 60), "SINGLE_OWNER": (1, 5), "SME": (5, 40)}[kind]
        self.rows.producers.append(
            (pid, code, kind, name, year, rng.randint(1, 4), p.id, place.district_id, place.id,
             village_no, f"{rng.randint(1, 250)} หมู่ {village_no} บ้าน{village}", contact, phone,
             id_number, rng.randint(*members), vocab.STORIES[trade].format(v=village),
             services.producer_text(name, code, contact, self.places[place.id]))
        )  # fmt: skip
        tail = services.producer_tail(name, self.places[place.id])
        items = CATALOGUE[trade]
        chosen = rng.sample(items, min(count, len(items)))
        while len(chosen) < count:
            chosen.append(rng.choice(items))
        seen: dict[str, int] = {}
        for k, (base, unit, low, high, subcategory) in enumerate(chosen, start=1):
            seen[base] = seen.get(base, 0) + 1
            title = base
            if seen[base] > 1:
                title = f"{base} {['', '', 'ขนาดใหญ่', 'ชุดของขวัญ', 'ขนาดทดลอง'][min(seen[base], 4)]}"
            elif rng.random() < 0.3:
                title = f"{base}บ้าน{village}"
            self.product(
                pid, code, name, contact, phone, year, village, first, trade, k, tail,
                (title, unit, low, high, subcategory),
            )  # fmt: skip

    def product(self, pid, pcode, pname, contact, phone, year, village, first, trade, k, tail,
                spec) -> None:  # fmt: skip
        rng, p = self.rng, self.p
        name, unit, low, high, subcategory = spec
        category = vocab.TRADE_CATEGORY[trade]
        price = rng.randrange(low, high + 1, 5 if high < 500 else 10)
        channels = [c for c in CHANNELS if rng.random() < 0.55]
        if rng.random() < 0.04:
            channels.append("EXPORT")
        channels = channels or ["SHOP"]
        code = f"{pcode}-{k:02d}"
        brand = rng.choice([village, f"แม่{first}", "", village])
        product_id = self.ids[Product].take()
        quality = min(97.0, max(35.0, rng.gauss(66, 11)))
        ratings = self.ratings(product_id, quality, year)
        segments = self.segments(product_id, quality, year)
        latest = max(ratings, key=lambda r: r[0], default=None)
        stars = latest[1] if latest else None
        star_year = latest[0] if latest else None
        segment = max(segments)[1] if segments else ""
        self.rows.ratings += [(product_id, self.world.rounds[y], *rest) for y, *rest in ratings]
        self.rows.segments += [(product_id, y, s) for y, s in segments]
        self.certify(product_id, category, name, stars or 0)
        self.sell(product_id, price, year, channels)
        self.rows.products.append(
            (product_id, code, pid, p.id, name, brand, category,
             self.world.subcategories.get(f"{category}/{subcategory}"),
             f"{name} ผลิตโดย{pname}", vocab.STORIES[trade].format(v=village), price, unit,
             f"{rng.choice([50, 100, 200, 300, 500, 1000])} {unit}ต่อเดือน", channels,
             f"https://shop.example.com/otop/{code}" if "ONLINE" in channels else "",
             stars, star_year, segment, services.product_text(name, code, brand, tail))
        )  # fmt: skip
        self.rows.items.append(
            Item(product_id, code, name, category, pid, pname, contact, phone, year, segment, stars)
        )

    def ratings(self, product_id: int, quality: float, registered: int) -> list[tuple]:
        rng, out = self.rng, []
        for i, year in enumerate(ROUND_YEARS):
            if year > registered and rng.random() < 0.38:
                score = min(99.5, max(30.0, quality + 1.5 * i + rng.gauss(0, 4)))
                strength = round(score * rng.uniform(0.18, 0.22), 2)
                marketing = round(score * rng.uniform(0.28, 0.32), 2)
                total, part1, part2 = (Decimal(f"{x:.2f}") for x in (score, strength, marketing))
                stars = next((s for s, low in self.world.bands if total >= low), 1)
                out.append((year, stars, total, part1, part2, total - part1 - part2))
        return out

    def segments(self, product_id: int, quality: float, registered: int) -> list[tuple[int, str]]:
        rng, out = self.rng, []
        for year in YEARS:
            if year >= registered and rng.random() < 0.5:
                level = quality + 1.5 * (year - YEARS[0]) + rng.gauss(0, 5)
                out.append(
                    (
                        year,
                        "A" if level >= 90 else "B" if level >= 80 else "C" if level >= 67 else "D",
                    )
                )
        return out

    def certify(self, product_id: int, category: str, name: str, best: int) -> None:
        rng, code, province = self.rng, self.p.code, self.p.name_th
        today = self.world.today

        def add(kind: str, number: str, issuer: str, years: int, grade: str = "") -> None:
            issued = today - dt.timedelta(days=rng.randint(20, 4 * 365))
            number = number.replace("{be}", str(issued.year + 543))
            expires = issued + dt.timedelta(days=365 * years) if years else None
            self.rows.certificates.append(
                (product_id, kind, number, issuer, grade, issued, expires)
            )

        serial = rng.randint(1000, 99999)
        if rng.random() < 0.45:
            add("MOPHOCHO", f"มผช. {serial}/{{be}}", "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม (สมอ.)", 3)
        if category in ("FOOD", "BEVERAGE") and rng.random() < 0.55:
            number = f"{code}-1-{serial:05d}-2-{rng.randint(1, 9999):04d}"
            add("FDA", number, f"สำนักงานสาธารณสุขจังหวัด{province}", 0)
            if rng.random() < 0.25:
                add("GMP", f"GMP {code}-{serial}", f"สำนักงานสาธารณสุขจังหวัด{province}", 3)
        if category == "HERBAL" and rng.random() < 0.5:
            add("COSMETIC", f"{code}-1-{rng.randint(0, 9999999999):010d}",
                "สำนักงานคณะกรรมการอาหารและยา", 3)  # fmt: skip
        if self.p.region == "south" and category == "FOOD" and rng.random() < 0.3:
            add("HALAL", f"ฮ.{serial}", "คณะกรรมการกลางอิสลามแห่งประเทศไทย", 2)
        if ("กาแฟ" in name or "อินทรีย์" in name) and rng.random() < 0.3:
            add("ORGANIC", f"Organic Thailand {serial}", "กรมวิชาการเกษตร", 3)
        if best >= 3 and rng.random() < 0.5:
            grade = {5: "Premium", 4: "Classic"}.get(best, "Standard")
            add("OTOP_MARK", f"OTOP {code}-{serial}", "กรมการพัฒนาชุมชน", 2, grade)

    def sell(self, product_id: int, price: int, registered: int, channels: list[str]) -> None:
        """A row for every fiscal year from registration: mostly one "all channels" row; one
        product-year in ten also by channel (a partial breakdown), one in twenty by channel
        only (its revenue is then the channels' sum, as outcomes.measures reads it)."""
        rng, sales = self.rng, self.rows.sales
        base_units = rng.lognormvariate(5.5, 0.9)
        for year in YEARS:
            if year < registered:
                continue
            trend = (0.7 if year in (2563, 2564) else 1.0) * (1 + 0.06 * (year - 2563))
            units = max(5, int(base_units * trend * rng.uniform(0.8, 1.25)))
            amount = (price * units) // 10 * 10
            mix = rng.random()
            if mix < 0.95:
                sales.append((product_id, year, "TOTAL", amount, units))
            if mix >= 0.85:
                share = 1.0 if mix >= 0.95 else rng.uniform(0.5, 0.9)
                parts = (
                    channels
                    if len(channels) > 1
                    else [*channels, "FAIR" if channels[0] != "FAIR" else "SHOP"]
                )
                weights = [rng.uniform(1, 3) for _ in parts]
                left = int(amount * share) // 10 * 10
                for channel, piece in zip(
                    parts, split(left // 10, [int(w * 100) for w in weights]), strict=True
                ):
                    sales.append((product_id, year, channel, piece * 10, None))


def plan_counts(world: World, scale: float) -> dict[str, tuple[int, int]]:
    """(producers, products) of each province: shares by number of subdistricts."""
    weights = [len(p.places) for p in world.provinces]
    products = split(round(PRODUCTS * scale), weights)
    producers = split(round(PRODUCERS * scale), weights)
    return {
        p.code: (min(producers[i], products[i]), products[i])
        for i, p in enumerate(world.provinces)
        if products[i]
    }


def province_rows(world: World, province: ProvinceInfo, seed: int, counts: tuple[int, int],
                  ids: dict) -> Rows:  # fmt: skip
    return ProvinceBuilder(world, province, seed, ids).build(*counts)


def generate(world: World, scale: float, seed: int) -> dict[str, list[Item]]:
    """Write every province's registry; return the products of each province (by code)."""
    if Producer.objects.filter(code__regex=r"^[0-9]{2}G[0-9]{5}$").exists():
        raise RuntimeError("This database already holds generated producers; use --fresh.")
    ids = {Producer: Ids(Producer), Product: Ids(Product)}
    plan = plan_counts(world, scale)
    found: dict[str, list[Item]] = {}
    for province in world.provinces:
        if province.code not in plan:
            continue
        rows = province_rows(world, province, seed, plan[province.code], ids)
        for model, values in (
            (Producer, rows.producers),
            (Product, rows.products),
            (StarRating, rows.ratings),
            (SegmentAssessment, rows.segments),
            (Certificate, rows.certificates),
            (Sale, rows.sales),
        ):
            write(model, COLUMNS[model], values)
        found[province.code] = rows.items
    return found
