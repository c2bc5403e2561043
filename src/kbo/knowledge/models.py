"""The knowledge library: what the network knows, written down — techniques, standards and
certificate guides, training materials, case studies of developed products, lessons from
contests, templates — with its files, video links, version history and who may read it.

Who reads an item depends on its visibility:
- DRAFT: those who edit it (officers of its province, national staff), and the committee
  member who wrote it;
- PROVINCE: anyone signed in with a role in its province (any role, national items: any
  role at all), and national staff;
- PUBLIC: everyone, in the library and in the public showcase.
`Item.objects.for_user(user)` is the one door. Officers of the item's province and national
staff edit and publish it (`can_edit_item`); a committee member of a province writes drafts
there and changes them until an officer publishes them (`can_change_item`).
"""

from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.geo.models import Province
from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.registry.models import Category, Product
from kbo.trainings.models import Session


class Kind(models.TextChoices):
    TECHNIQUE = "TECHNIQUE", _("Technique or how-to")
    STANDARD = "STANDARD", _("Standards and certificate guide")
    TRAINING = "TRAINING", _("Training material")
    CASE_STUDY = "CASE_STUDY", _("Case study")
    LESSON = "LESSON", _("Lesson from a contest")
    TEMPLATE = "TEMPLATE", _("Template or form")


# Other words people search with for each kind (stored with the item's search text).
KIND_WORDS: dict[str, str] = {
    Kind.TECHNIQUE: "เทคนิค วิธีทำ ความรู้",
    Kind.STANDARD: "มาตรฐาน การขอรับรอง ใบรับรอง คู่มือ",
    Kind.TRAINING: "เอกสารอบรม สื่อการสอน อบรม",
    Kind.CASE_STUDY: "กรณีศึกษา ผลิตภัณฑ์ที่พัฒนา",
    Kind.LESSON: "บทเรียน การประกวด",
    Kind.TEMPLATE: "แบบฟอร์ม แม่แบบ",
}


# The search documents (services.item_index) are never shown; a list shows no bodies either:
# the columns its queries leave unread.
SEARCH_DOCUMENTS = ("title_text", "area_text", "search_text")
NOT_IN_LISTS = ("body", "body_en", *SEARCH_DOCUMENTS)


class Visibility(models.TextChoices):
    DRAFT = "DRAFT", _("Draft (editors only)")
    PROVINCE = "PROVINCE", _("Province (signed-in users of the province)")
    PUBLIC = "PUBLIC", _("Public (also in the showcase)")


def can_edit_item(user, province_id: int | None) -> bool:
    """Officers of the item's province and national staff; national items: national staff."""
    if province_id is None:
        return access.is_national(user)
    return access.can_manage_province(user, province_id)


def contributor_provinces(user) -> set[int]:
    """The provinces whose committee the user sits on: they write drafts there."""
    return access.province_ids(user, roles=[Role.COMMITTEE])


def can_change_item(user, item: "Item") -> bool:
    """Its editors (`can_edit_item`), and the committee member who wrote it while it is a
    draft of their province; publishing stays with the editors."""
    if can_edit_item(user, item.province_id):
        return True
    return (
        item.visibility == Visibility.DRAFT
        and item.created_by_id == user.pk
        and item.province_id in contributor_provinces(user)
    )


def can_write_items(user) -> bool:
    return access.is_national(user) or bool(
        access.province_ids(user, roles=[Role.OFFICER, Role.COMMITTEE])
    )


class ItemQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def in_area(self, code: str):
        """Items of the expertise area `code` (a semi-join, which the indexes answer)."""
        areas = Item.areas.through.objects.filter(item_id=OuterRef("pk"), expertisearea__code=code)
        return self.filter(Exists(areas))

    def for_category(self, category: str):
        """Items for the product category `category` (a semi-join)."""
        return self.filter(
            Exists(ItemCategory.objects.filter(item_id=OuterRef("pk"), category=category))
        )

    def for_user(self, user):
        """The items the user may read (see the module's docstring)."""
        if not user.is_authenticated:
            return self.public()
        if access.is_national(user):
            return self
        everywhere = access.province_ids(user)
        officer = access.province_ids(user, roles=[Role.OFFICER])
        seen = Q(visibility=Visibility.PUBLIC) | Q(
            visibility=Visibility.PROVINCE, province_id__in=everywhere
        )
        if access.memberships(user):
            seen |= Q(visibility=Visibility.PROVINCE, province__isnull=True)
        if officer:
            seen |= Q(visibility=Visibility.DRAFT, province_id__in=officer)
        committee = contributor_provinces(user)
        if committee:
            seen |= Q(visibility=Visibility.DRAFT, province_id__in=committee, created_by=user)
        return self.filter(seen)

    def search(self, text: str):
        """Items for a query, best first: a query word in the title counts most, then in the
        item's expertise areas and kind, then anywhere; the whole phrase adds to the score.
        Items holding every word of the query come first; only when none does, items holding
        some of them. An empty query leaves the rows as they are."""
        from kbo.search import normalise, tokenize

        words = list(dict.fromkeys(tokenize(text)))
        if not words:
            return self
        # The title and the areas score from short columns; "anywhere" (the long search_text)
        # scores only among items that miss some words: where every word is held, it is held
        # by all of them, and reading search_text again for each match would cost the most.
        score: models.Expression = models.Value(0)
        anywhere: models.Expression = models.Value(0)
        for word in words:
            for field, weight in (("title_text", 5), ("area_text", 3)):
                score = score + models.Case(
                    models.When(**{f"{field}__contains": word}, then=models.Value(weight)),
                    default=models.Value(0),
                )
            anywhere = anywhere + models.Case(
                models.When(search_text__contains=word, then=models.Value(1)),
                default=models.Value(0),
            )
        phrase = normalise(text).replace(" ", "")
        if len(words) > 1 and phrase:
            score = score + models.Case(
                models.When(title_text__contains=phrase, then=models.Value(4)),
                models.When(search_text__contains=phrase, then=models.Value(2)),
                default=models.Value(0),
            )
        order = ("-relevance", "-published_at", "-pk")
        # Plain conditions, which PostgreSQL's trigram indexes answer (a CASE is read row by
        # row). search_text starts with the title (services.item_index), so a title word is
        # found there.
        held = [Q(search_text__contains=w) | Q(area_text__contains=w) for w in words]
        every = self.filter(reduce(and_, held))
        if len(words) == 1 or every.exists():
            # Each word is held somewhere by every row here: one point a word, as below.
            held_everywhere = score + models.Value(len(words))
            return every.annotate(
                relevance=models.ExpressionWrapper(
                    held_everywhere, output_field=models.IntegerField()
                )
            ).order_by(*order)
        return (
            self.filter(reduce(or_, held))
            .annotate(
                relevance=models.ExpressionWrapper(
                    score + anywhere, output_field=models.IntegerField()
                )
            )
            .order_by(*order)
        )


def validate_video_links(text: str) -> None:
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                check(line.strip())
            except ValidationError:
                raise ValidationError(
                    _(
                        "Line %(line)s is not a web address (http:// or https://) · "
                        "บรรทัด %(line)s ไม่ใช่ที่อยู่เว็บ"
                    ),
                    params={"line": number},
                ) from None


class Item(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary = models.TextField(
        _("summary"), max_length=600, blank=True, help_text=_("One or two sentences for lists.")
    )
    body = models.TextField(_("text (Thai)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    video_links = models.TextField(
        _("video links"),
        blank=True,
        validators=[validate_video_links],
        help_text=_("One web address a line (YouTube, Facebook, the department's site)."),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knowledge_items",
        verbose_name=_("owner province"),
        help_text=_("The province whose officers keep this item; empty for national items."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.DRAFT
    )
    areas = models.ManyToManyField(
        ExpertiseArea, blank=True, related_name="knowledge_items", verbose_name=_("expertise areas")
    )
    provinces = models.ManyToManyField(
        Province,
        blank=True,
        related_name="+",
        verbose_name=_("provinces it concerns"),
    )
    authors = models.ManyToManyField(
        KnowledgeSource,
        blank=True,
        related_name="knowledge_items",
        verbose_name=_("authors (knowledge sources or committee members)"),
    )
    authors_other = models.CharField(_("other authors"), max_length=300, blank=True)
    sessions = models.ManyToManyField(
        Session,
        blank=True,
        related_name="materials",
        verbose_name=_("training sessions that use it"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_studies",
        verbose_name=_("product of the case study"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Search documents (kbo.search.document), rebuilt by services.item_index.
    title_text = models.TextField(default="", editable=False)
    area_text = models.TextField(default="", editable=False)
    search_text = models.TextField(default="", editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        indexes = [
            models.Index(fields=["visibility", "province"], name="knowledge_visibility"),
            models.Index(fields=["kind"], name="knowledge_kind"),
            models.Index(fields=["-published_at", "-id"], name="knowledge_latest"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def links(self) -> list[str]:
        return [
            line.strip()
            for line in self.video_links.splitlines()
            if line.strip().startswith(("http://", "https://"))
        ]

    @property
    def is_published(self) -> bool:
        return self.visibility != Visibility.DRAFT

    @property
    def category_codes(self) -> list[str]:
        return [c.category for c in self.categories.all()]

    @property
    def category_labels(self) -> list[str]:
        return [str(Category(c.category).label) for c in self.categories.all()]


class ItemCategory(models.Model):
    """A product category an item is for (the registry's five categories)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)

    class Meta:
        ordering = ["item", "category"]
        verbose_name = _("item category")
        verbose_name_plural = _("item categories")
        constraints = [
            models.UniqueConstraint(fields=["item", "category"], name="knowledge_category_once")
        ]
        indexes = [models.Index(fields=["category", "item"], name="knowledge_category")]

    def __str__(self) -> str:
        return self.get_category_display()


class ItemChildScoped(models.QuerySet):
    def for_user(self, user):
        return self.filter(item__in=Item.objects.for_user(user))


class Attachment(models.Model):
    """A file of an item: a PDF handout, slides, a photo, a form to fill."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="knowledge/%Y/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ItemChildScoped.as_manager()

    class Meta:
        ordering = ["item", "uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.caption or self.filename

    @property
    def filename(self) -> str:
        return str(self.file.name).rsplit("/", 1)[-1]

    @property
    def is_image(self) -> bool:
        return self.filename.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "webp", "gif"}


class ItemVersion(models.Model):
    """The item as one save left it: the history page lists these and shows what changed."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text (Thai)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    objects = ItemChildScoped.as_manager()

    class Meta:
        ordering = ["item", "-number"]
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="knowledge_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number}"
