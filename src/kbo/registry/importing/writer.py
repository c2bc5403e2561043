"""Writing an import's accepted rows: new rows by COPY (PostgreSQL) or bulk insert, changed
rows by bulk update, histories, and the audit entries that bulk writes do not make by
themselves. Called inside the import's transaction."""

from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from kbo.core import locking, versions
from kbo.core.bulk import copy_insert, copy_rows
from kbo.registry import services
from kbo.registry.importing.places import Geography
from kbo.registry.models import (
    Producer,
    Product,
    Sale,
    SalesChannel,
    SegmentAssessment,
    StarRating,
    StarRound,
)

PRODUCER_FIELDS = [
    "name",
    "producer_type",
    "registered_year",
    "registered_quarter",
    "subdistrict_id",
    "district_id",
    "province_id",
    "village_no",
    "contact_name",
    "phone",
    "id_number",
    "member_count",
]
PRODUCT_FIELDS = ["name", "category", "brand", "price", "unit"]
CURRENT_FIELDS = ["current_stars", "current_star_year", "current_segment"]


@dataclass
class Plan:
    """What the accepted rows will write."""

    producers_new: dict[str, dict] = field(default_factory=dict)  # code -> values
    producers_changed: dict[str, dict] = field(default_factory=dict)  # code -> {field: [old, new]}
    products_new: dict[str, dict] = field(default_factory=dict)
    products_changed: dict[str, dict] = field(default_factory=dict)
    ratings: list[tuple[str, int, int, int | None]] = field(
        default_factory=list
    )  # code, year, stars, id
    segments: list[tuple[str, int, str, int | None]] = field(default_factory=list)
    sales: list[tuple[str, int, Decimal, int | None]] = field(default_factory=list)
    history_changes: dict[str, dict] = field(
        default_factory=dict
    )  # product code -> {label: [old, new]}
    current: dict[str, dict] = field(default_factory=dict)  # product code -> latest stars/segment


def write(plan: Plan, producers: dict, products: dict, geo: Geography, user, filename: str) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Let the trigram indexes take new rows into their pending list and merge them
            # in bulk, instead of updating the index tree row by row (3x faster on 212,000).
            cursor.execute("SET LOCAL gin_pending_list_limit = '512MB'")
    now = timezone.now()
    log: list[tuple] = []
    actor_id = user.pk if user is not None and user.is_authenticated else None
    extra = {"import": filename}

    type_ids = {m: ContentType.objects.get_for_model(m).pk for m in (Producer, Product)}

    def audit(obj_id: int, label: str, model, action: int, changes: dict) -> None:
        shown = {k: [_show(v[0]), _show(v[1])] for k, v in changes.items()}
        log.append(
            (
                type_ids[model],
                str(obj_id),
                obj_id,
                label[:200],
                action,
                actor_id,
                now,
                shown,
                "",
                extra,
            )
        )

    # Producers
    new_producers = []
    for code, values in plan.producers_new.items():
        producer = Producer(code=code, **values)
        producer.search_text = _producer_text(producer, geo)
        new_producers.append(producer)
    copy_insert(new_producers)
    for producer in new_producers:
        values = plan.producers_new[producer.code]
        audit(
            producer.pk,
            producer.name,
            Producer,
            LogEntry.Action.CREATE,
            {k: [None, v] for k, v in values.items()},
        )
        producers[producer.code] = {"id": producer.pk, "code": producer.code, **values}
    changed_producers = []
    for code, diff in plan.producers_changed.items():
        stored = producers[code]
        stored.update({k: v[1] for k, v in diff.items()})
        producer = Producer(
            id=stored["id"], code=code, **{k: stored.get(k) for k in PRODUCER_FIELDS}
        )
        producer.search_text = _producer_text(producer, geo)
        changed_producers.append(producer)
        audit(producer.pk, producer.name, Producer, LogEntry.Action.UPDATE, diff)
    if changed_producers:
        fields = sorted(
            {k for diff in plan.producers_changed.values() for k in diff} | {"search_text"}
        )
        Producer.objects.bulk_update(changed_producers, fields, batch_size=1000)
        # An edit form opened before the import must not write over what it changed.
        locking.bump_all_of(Producer, [p.pk for p in changed_producers])
    moved = {p.pk: p for p in changed_producers}

    # Products
    new_products = []
    for code, values in plan.products_new.items():
        owner = producers[values["producer_code"]]
        product_values = {k: v for k, v in values.items() if k != "producer_code"}
        product = Product(
            code=code,
            producer_id=owner["id"],
            province_id=owner["province_id"],
            **product_values,
            **plan.current.get(code, {}),
        )
        product.search_text = _product_text(product, owner, geo)
        new_products.append(product)
    copy_insert(new_products)
    for product in new_products:
        values = {k: v for k, v in plan.products_new[product.code].items() if k != "producer_code"}
        products[product.code] = {
            "id": product.pk,
            "code": product.code,
            "producer_id": product.producer_id,
            "province_id": product.province_id,
            **values,
        }
        changes = {k: [None, v] for k, v in values.items()} | plan.history_changes.pop(
            product.code, {}
        )
        audit(product.pk, product.name, Product, LogEntry.Action.CREATE, changes)
    # Products whose own cells or producer changed: every field; others only latest stars/segment.
    full_update, current_only = [], []
    code_by_id = {row["id"]: code for code, row in producers.items()}
    moved_codes = {code for code, row in products.items() if row["producer_id"] in moved}
    for code in set(plan.products_changed) | moved_codes | set(plan.history_changes):
        stored = products[code]
        diff = plan.products_changed.get(code, {})
        stored.update({k: v[1] for k, v in diff.items()})
        stored.update(plan.current.get(code, {}))
        product = Product(
            id=stored["id"],
            code=code,
            producer_id=stored["producer_id"],
            **{k: stored.get(k) for k in [*PRODUCT_FIELDS, *CURRENT_FIELDS]},
        )
        if diff or code in moved_codes:
            owner = producers[code_by_id[stored["producer_id"]]]
            product.province_id = owner["province_id"]
            product.search_text = _product_text(product, owner, geo)
            full_update.append(product)
        else:
            current_only.append(product)
        changes = diff | plan.history_changes.get(code, {})
        if changes:
            audit(product.pk, product.name, Product, LogEntry.Action.UPDATE, changes)
    Product.objects.bulk_update(
        full_update,
        [*PRODUCT_FIELDS, *CURRENT_FIELDS, "province_id", "search_text"],
        batch_size=1000,
    )
    Product.objects.bulk_update(current_only, CURRENT_FIELDS, batch_size=1000)
    locking.bump_all_of(Product, [p.pk for p in full_update] + [p.pk for p in current_only])
    _refresh_elsewhere(moved, set(products))

    # Histories
    rounds = dict(StarRound.objects.values_list("year", "id"))
    for year in sorted({year for _c, year, _s, _i in plan.ratings} - set(rounds)):
        rounds[year] = StarRound.objects.create(year=year).pk
    pid = {code: row["id"] for code, row in products.items()}
    copy_rows(
        StarRating,
        ["product_id", "round_id", "stars"],
        [(pid[c], rounds[y], s) for c, y, s, i in plan.ratings if i is None],
    )
    StarRating.objects.bulk_update(
        [StarRating(id=i, stars=s) for _c, _y, s, i in plan.ratings if i is not None],
        ["stars"],
        batch_size=2000,
    )
    copy_rows(
        SegmentAssessment,
        ["product_id", "year", "segment", "note"],
        [(pid[c], y, g, "") for c, y, g, i in plan.segments if i is None],
    )
    SegmentAssessment.objects.bulk_update(
        [SegmentAssessment(id=i, segment=g) for _c, _y, g, i in plan.segments if i is not None],
        ["segment"],
        batch_size=2000,
    )
    copy_rows(
        Sale,
        ["product_id", "fiscal_year", "channel", "amount"],
        [(pid[c], y, SalesChannel.TOTAL.value, a) for c, y, a, i in plan.sales if i is None],
    )
    Sale.objects.bulk_update(
        [Sale(id=i, amount=a) for _c, _y, a, i in plan.sales if i is not None],
        ["amount"],
        batch_size=2000,
    )
    copy_rows(
        LogEntry,
        [
            "content_type_id",
            "object_pk",
            "object_id",
            "object_repr",
            "action",
            "actor_id",
            "timestamp",
            "changes",
            "changes_text",
            "additional_data",
        ],
        log,
    )
    versions.bump("registry")  # bulk writes send no model signals; bumps when the import commits


def _show(value: object) -> str:
    return "None" if value is None else str(value)


def _producer_text(producer: Producer, geo: Geography) -> str:
    place = geo.place_text(producer.subdistrict_id)
    return services.producer_text(producer.name, producer.code, producer.contact_name, place)


def _product_text(product: Product, owner: dict, geo: Geography) -> str:
    """The product's own words, then its producer's name and place (worked out once each)."""
    tail = geo.owner_text.get(owner["id"])
    if tail is None:
        place = geo.place_text(owner["subdistrict_id"])
        tail = geo.owner_text[owner["id"]] = services.producer_tail(owner["name"], place)
    return services.product_text(product.name, product.code, product.brand, tail)


def _refresh_elsewhere(moved: dict[int, Producer], seen: set[str]) -> None:
    """Products of a changed producer that the file did not list follow its province and names."""
    if not moved:
        return
    for product in (
        Product.objects.filter(producer_id__in=moved)
        .exclude(code__in=seen)
        .select_related("producer__subdistrict__district", "producer__subdistrict__province")
    ):
        product.province_id = product.producer.province_id
        product.search_text = services.product_search_text(product)
        product.save(update_fields=["province", "search_text"])
