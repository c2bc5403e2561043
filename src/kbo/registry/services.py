"""Changes to the registry. Each function runs in a transaction; the audit trail records it
(django-auditlog for single saves; the importer writes its own entries for bulk writes)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kbo.accounts import access
from kbo.core import locking
from kbo.registry.models import (
    Certificate,
    Producer,
    Product,
    ProductPhoto,
    Sale,
    SalesChannel,
    SegmentAssessment,
    StarRating,
    StarRound,
)
from kbo.search import document

# The search text of producers and products is made of the same pieces wherever it is
# written (forms here, bulk imports in importing/writer.py, which caches the shared pieces).


def place_text(subdistrict: str, district: str, province: str) -> str:
    return document(subdistrict, district, province)


def producer_text(name: str, code: str, contact: str, place: str) -> str:
    return f"{document(name, code, contact)} {place}".strip()


def producer_tail(producer_name: str, place: str) -> str:
    """What a product's search text takes from its producer: name and place."""
    return f"{document(producer_name)} {place}".strip()


def product_text(name: str, code: str, brand: str, tail: str) -> str:
    return f"{document(name, code, brand)} {tail}".strip()


def _place_of(producer: Producer) -> str:
    sub = producer.subdistrict
    return place_text(sub.name_th, sub.district.name_th, sub.province.name_th)


def producer_search_text(producer: Producer) -> str:
    return producer_text(producer.name, producer.code, producer.contact_name, _place_of(producer))


def product_search_text(product: Product, producer: Producer | None = None) -> str:
    producer = producer or product.producer
    tail = producer_tail(producer.name, _place_of(producer))
    return product_text(product.name, product.code, product.brand, tail)


def _check_can_edit(user, province_id: int) -> None:
    if not access.can_manage_province(user, province_id):
        raise PermissionDenied(_("You may not change the registry of this province."))


@transaction.atomic
def producer_save(*, by, producer: Producer, version: int | None = None) -> Producer:
    """Create or update a producer; its province and district follow its subdistrict. An
    existing producer is saved only if still at `version` (None: no check), else StaleEdit."""
    producer.district_id = producer.subdistrict.district_id
    producer.province_id = producer.subdistrict.province_id
    _check_can_edit(by, producer.province_id)
    if producer.pk:
        old = Producer.objects.get(pk=producer.pk)
        _check_can_edit(by, old.province_id)
    producer.full_clean()
    producer.search_text = producer_search_text(producer)
    if producer.pk:
        locking.claim(producer, version, by=by)
    producer.save()
    # Products keep the producer's province and searchable names.
    for product in producer.products.all():
        product.province_id = producer.province_id
        product.search_text = product_search_text(product, producer)
        product.save(update_fields=["province", "search_text"])
    return producer


@transaction.atomic
def product_save(*, by, product: Product, version: int | None = None) -> Product:
    """Create or update a product (its province is its producer's). An existing product is
    saved only if still at `version` (None: no check), else StaleEdit."""
    product.province_id = product.producer.province_id
    _check_can_edit(by, product.province_id)
    product.full_clean()
    product.search_text = product_search_text(product)
    if product.pk:
        locking.claim(product, version, by=by)
    product.save()
    return product


def product_refresh_current(product: Product) -> None:
    """Set the product's latest stars and segment from its histories."""
    latest = product.star_ratings.select_related("round").order_by("-round__year").first()
    product.current_stars = latest.stars if latest else None
    product.current_star_year = latest.round.year if latest else None
    segment = product.segments.order_by("-year").first()
    product.current_segment = segment.segment if segment else ""
    product.save(update_fields=["current_stars", "current_star_year", "current_segment"])


@transaction.atomic
def star_rating_record(
    *,
    by,
    product: Product,
    round_year: int,
    stars: int,
    score: Decimal | None = None,
    score_strength: Decimal | None = None,
    score_marketing: Decimal | None = None,
    score_quality: Decimal | None = None,
) -> StarRating:
    """Record (or correct) the product's stars in one selection round; other rounds stay."""
    _check_can_edit(by, product.province_id)
    if not 1 <= stars <= 5:
        raise ValueError(_("Stars must be from 1 to 5."))
    star_round, _created = StarRound.objects.get_or_create(year=round_year)
    rating, _created = StarRating.objects.update_or_create(
        product=product,
        round=star_round,
        defaults={
            "stars": stars,
            "score": score,
            "score_strength": score_strength,
            "score_marketing": score_marketing,
            "score_quality": score_quality,
        },
    )
    product_refresh_current(product)
    return rating


@transaction.atomic
def segment_record(
    *, by, product: Product, year: int, segment: str, note: str = ""
) -> SegmentAssessment:
    _check_can_edit(by, product.province_id)
    assessment, _created = SegmentAssessment.objects.update_or_create(
        product=product, year=year, defaults={"segment": segment, "note": note}
    )
    product_refresh_current(product)
    return assessment


@transaction.atomic
def sale_record(
    *,
    by,
    product: Product,
    fiscal_year: int,
    amount: Decimal,
    channel: str = SalesChannel.TOTAL,
    units: int | None = None,
) -> Sale:
    _check_can_edit(by, product.province_id)
    sale, _created = Sale.objects.update_or_create(
        product=product,
        fiscal_year=fiscal_year,
        channel=channel,
        defaults={"amount": amount, "units": units, "recorded_by": by},
    )
    return sale


@transaction.atomic
def certificate_add(*, by, product: Product, certificate: Certificate) -> Certificate:
    """Add a certificate (with its scanned file, if any) to the product's history."""
    _check_can_edit(by, product.province_id)
    certificate.product = product
    certificate.full_clean()
    certificate.save()
    return certificate


@transaction.atomic
def product_photo_add(*, by, product: Product, image, caption: str = "") -> ProductPhoto:
    """Add a photo after the product's others."""
    _check_can_edit(by, product.province_id)
    last = product.photos.order_by("-position").values_list("position", flat=True).first()
    photo = ProductPhoto(
        product=product, image=image, caption=caption, position=0 if last is None else last + 1
    )
    photo.full_clean()
    photo.save()
    return photo
