"""Changing the knowledge library: every save sanitises the text, rebuilds the search
documents, records a version, and is written to the audit trail with its author."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kbo.core import locking, uploads
from kbo.knowledge import rich
from kbo.knowledge.models import (
    KIND_WORDS,
    SEARCH_DOCUMENTS,
    Attachment,
    Item,
    ItemCategory,
    ItemVersion,
    Kind,
    Visibility,
    can_change_item,
    can_edit_item,
    contributor_provinces,
)
from kbo.privacy.models import Purpose
from kbo.privacy.services import consent_is_given
from kbo.registry.models import Category, Product
from kbo.search import document


def _refused() -> PermissionDenied:
    return PermissionDenied(_("You may not change the knowledge items of this province."))


def _check(by, item: Item) -> None:
    """Editors of the item's province publish and change it (see _check_save for drafts)."""
    if not can_edit_item(by, item.province_id):
        raise _refused()


def _check_change(by, item: Item) -> None:
    """The item as stored: its editors, or the committee member who wrote the draft."""
    if not can_change_item(by, item):
        raise _refused()


def _check_consent(item: Item, visibility: str) -> None:
    """A case study goes public only with its producer's consent (PDPA: it tells the
    producer's sales and results); published to the province it needs none."""
    if visibility != Visibility.PUBLIC or item.kind != Kind.CASE_STUDY or not item.product_id:
        return
    producer_id = Product.objects.filter(pk=item.product_id).values_list("producer_id").get()[0]
    if not consent_is_given(producer_id, Purpose.CASE_STUDY):
        raise ValidationError(
            {
                "visibility": _(
                    "The producer has not consented to a public case study: record the "
                    "consent on the producer's personal-data page first, or publish it to the "
                    "province only · ผู้ผลิตยังไม่ได้ให้ความยินยอมเผยแพร่กรณีศึกษาต่อสาธารณะ "
                    "บันทึกความยินยอมที่หน้าข้อมูลส่วนบุคคลของผู้ผลิตก่อน หรือเผยแพร่เฉพาะในจังหวัด"
                )
            }
        )


def _check_save(by, item: Item) -> None:
    """An editor saves anything of their province; a committee member saves a draft of their
    committee's province that is new or was theirs (and still a draft) when they opened it."""
    if can_edit_item(by, item.province_id):
        return
    if item.province_id not in contributor_provinces(by):
        raise _refused()
    if item.visibility != Visibility.DRAFT:
        raise ValidationError(
            {
                "visibility": _(
                    "Committee members write drafts; an officer of the province publishes "
                    "them · กรรมการบันทึกเป็นฉบับร่าง เจ้าหน้าที่ของจังหวัดเป็นผู้เผยแพร่"
                )
            }
        )
    if item.pk is not None:
        stored = (
            Item.objects.filter(pk=item.pk).only("visibility", "province", "created_by").first()
        )
        if stored is None or not can_change_item(by, stored):
            raise _refused()


def item_index(item: Item) -> None:
    """Fill the item's search documents from its saved text, areas, categories and authors
    (call after the many-to-many fields are set)."""
    areas = [f"{a.name_th} {a.name_en} {a.keywords}" for a in item.areas.all()]
    categories = [str(Category(c.category).label) for c in item.categories.all()]
    authors = [str(a) for a in item.authors.all()]
    item.title_text = document(item.title, item.title_en)
    item.area_text = document(
        *areas, *categories, str(Kind(item.kind).label), KIND_WORDS.get(item.kind, "")
    )
    item.search_text = document(
        item.title,
        item.title_en,
        item.summary,
        rich.plain(item.body),
        rich.plain(item.body_en),
        *authors,
        item.authors_other,
    )
    Item.objects.filter(pk=item.pk).update(
        title_text=item.title_text, area_text=item.area_text, search_text=item.search_text
    )


def _snapshot(by, item: Item, note: str) -> ItemVersion:
    return ItemVersion.objects.create(
        item=item,
        number=item.version,
        title=item.title,
        title_en=item.title_en,
        summary=item.summary,
        body=item.body,
        body_en=item.body_en,
        visibility=item.visibility,
        note=note[:300],
        saved_by=by,
    )


@transaction.atomic
def item_save(
    *,
    by,
    item: Item,
    areas: Iterable[Any] | None = None,
    categories: Iterable[str] | None = None,
    provinces: Iterable[Any] | None = None,
    authors: Iterable[Any] | None = None,
    sessions: Iterable[Any] | None = None,
    version: int | None = None,
    note: str = "",
) -> Item:
    """Create or change an item. Lists left as None keep what the item has. `version` is the
    version the editor opened (a newer save in between raises locking.StaleEdit)."""
    _check_save(by, item)
    _check_consent(item, item.visibility)
    item.body = rich.clean(item.body)
    item.body_en = rich.clean(item.body_en)
    item.summary = " ".join(item.summary.split())
    if item.visibility != Visibility.DRAFT and item.published_at is None:
        item.published_at = timezone.now()
    item.full_clean(exclude=list(SEARCH_DOCUMENTS))
    item.updated_by = by
    if item.pk:
        locking.claim(item, version, by=by)
    else:
        item.created_by = by
        item.version = 1
    item.save()
    if areas is not None:
        item.areas.set(areas)
    if provinces is not None:
        item.provinces.set(provinces)
    if authors is not None:
        item.authors.set(authors)
    if sessions is not None:
        item.sessions.set(sessions)
    if categories is not None:
        wanted = set(categories)
        unknown = wanted - set(Category.values)
        if unknown:
            raise ValidationError(
                {"categories": _("Unknown product category: %s") % ", ".join(sorted(unknown))}
            )
        item.categories.exclude(category__in=wanted).delete()
        have = set(item.categories.values_list("category", flat=True))
        ItemCategory.objects.bulk_create(
            [ItemCategory(item=item, category=c) for c in sorted(wanted - have)]
        )
    item_index(item)
    _snapshot(by, item, note)
    return item


@transaction.atomic
def item_publish(*, by, item: Item, visibility: str, version: int | None = None) -> Item:
    """Set who may read the item (DRAFT takes it back); records a version."""
    _check(by, item)
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Unknown visibility.")})
    _check_consent(item, visibility)
    _set_visibility(by, item, visibility, version, str(Visibility(visibility).label))
    return item


def _set_visibility(by, item: Item, visibility: str, version: int | None, note: str) -> None:
    """Change who may read the item (the checks done), as a new version with `note`."""
    locking.claim(item, version, by=by)
    item.visibility = visibility
    if visibility != Visibility.DRAFT and item.published_at is None:
        item.published_at = timezone.now()
    item.updated_by = by
    item.save(update_fields=["visibility", "published_at", "updated_by", "updated_at", "version"])
    _snapshot(by, item, note)


@transaction.atomic
def item_delete(*, by, item: Item) -> None:
    _check_change(by, item)
    stored = [attachment.file for attachment in item.attachments.all()]
    item.delete()

    # The files go once the rows are gone for good (a rolled-back delete keeps both).
    def delete_files() -> None:
        for file in stored:
            file.delete(save=False)

    transaction.on_commit(delete_files)


@transaction.atomic
def attachment_add(*, by, item: Item, file: Any, caption: str = "") -> Attachment:
    _check_change(by, item)
    uploads.validate_document(file)
    attachment = Attachment(item=item, file=file, caption=caption, uploaded_by=by)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, by, attachment: Attachment) -> None:
    _check_change(by, attachment.item)
    stored = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


def case_studies_withdrawn(*, by, producer_id: int) -> int:
    """The producer withdrew the case-study consent: their products' public case studies go
    back to the province (each with a version saying why); returns how many."""
    found = Item.objects.filter(
        kind=Kind.CASE_STUDY, product__producer_id=producer_id, visibility=Visibility.PUBLIC
    )
    note = _("The producer withdrew the consent to a public case study")
    for item in found:
        _set_visibility(by, item, Visibility.PROVINCE, None, note)
    return len(found)
