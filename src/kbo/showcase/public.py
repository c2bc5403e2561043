"""The ONE allow-list of what the platform shows the public (showcase pages and open data).

Everything public is read here and handed out as plain, frozen records that carry only
allowed fields, so no template or export can reach a private one:

- products **developed in KBO** (with at least one SELECTED decision in a project):
  code, name, brand, category, subcategory, description, story, price, unit, capacity,
  sales channels, shop links (http/https only), current stars and segment, province and
  district names, certificates (kind, number, issuer, grade, validity; never the scan),
  photos, and the KBO years it was developed;
- their producers: name, type, district and province ONLY — never the citizen or juristic ID,
  phone, contact person, address, village, member count, or the producer's user accounts;
- contest results of PUBLISHED contests only: rank, award tier, entry number and title,
  product name, province and the total score as the contest published it — never a judge,
  a judge's score sheet or total, a criterion score, or a conflict of interest;
- published news;
- knowledge items that are not drafts (`knowledge_for(user)`: PUBLIC items for everyone,
  PROVINCE items for the signed-in users who may read them): kind, titles, summary, the
  sanitised text, video links (http/https only), expertise areas, product categories,
  province, the authors' names (never a knowledge source's phone or e-mail), publication
  time, attachments, and for a case study its product's code and name ONLY when that
  product is showcased.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from kbo.contests import results
from kbo.contests.models import Contest, Entry
from kbo.geo.models import Province
from kbo.knowledge.models import (
    NOT_IN_LISTS,
    SEARCH_DOCUMENTS,
    Attachment,
    Item,
    ItemCategory,
    Kind,
    Visibility,
)
from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.programmes.models import Decision
from kbo.registry.models import (
    Category,
    Certificate,
    CertificateType,
    ProducerType,
    Product,
    ProductPhoto,
    SalesChannel,
    Segment,
)
from kbo.showcase.models import News

SELECTED = Decision.Status.SELECTED

# The columns read for a public product (nothing else is loaded from the database).
PRODUCT_FIELDS = [
    "code",
    "name",
    "brand",
    "category",
    "subcategory__name_th",
    "description",
    "story",
    "price",
    "unit",
    "capacity",
    "sales_channels",
    "shop_links",
    "current_stars",
    "current_star_year",
    "current_segment",
    "province__code",
    "province__name_th",
    "province__name_en",
]
PRODUCER_FIELDS = [
    "producer__name",
    "producer__producer_type",
    "producer__district__code",
    "producer__district__name_th",
    "producer__district__name_en",
]
CERTIFICATE_FIELDS = ["kind", "number", "issuer", "grade", "issued_on", "expires_on"]
# Foreign keys the query follows (they must be loaded to be followed).
_KEYS = ["subcategory", "province", "producer", "producer__district"]


# Records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicProducer:
    name: str
    producer_type: str
    type_label: str
    district_code: str
    district: str


@dataclass(frozen=True)
class PublicCertificate:
    kind: str
    label: str
    number: str
    issuer: str
    grade: str
    issued_on: date | None
    expires_on: date | None
    valid: bool


@dataclass(frozen=True)
class PublicPhoto:
    pk: int
    caption: str


@dataclass(frozen=True)
class PublicProduct:
    code: str
    name: str
    brand: str
    category: str
    category_label: str
    subcategory: str
    description: str
    story: str
    price: Decimal | None
    unit: str
    capacity: str
    sales_channels: list[str]
    shop_links: list[str]
    stars: int | None
    star_year: int | None
    segment: str
    segment_label: str
    province_code: str
    province: str
    producer: PublicProducer
    latest_year: int | None
    photos: list[PublicPhoto] = field(default_factory=list)
    certificates: list[PublicCertificate] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def photo(self) -> PublicPhoto | None:
        return self.photos[0] if self.photos else None


@dataclass(frozen=True)
class PublicNews:
    pk: int
    title: str
    paragraphs: list[str]
    summary: str
    published_on: date
    province_code: str
    province: str
    has_photo: bool


@dataclass(frozen=True)
class PublicContest:
    pk: int
    name: str
    fiscal_year: int
    kind_label: str
    level_label: str
    province_code: str
    province: str
    venue: str
    starts_on: date | None
    ends_on: date | None


@dataclass(frozen=True)
class ResultRow:
    rank: int | None
    tier: str
    tier_label: str
    number: int
    title: str
    product_code: str  # set only when the product is showcased (it has a public page)
    product_name: str
    province: str
    score: Decimal | None


@dataclass(frozen=True)
class PanelResults:
    name: str
    stage_label: str
    rows: list[ResultRow]


# Products --------------------------------------------------------------------------------


def _latest_year():
    return Subquery(
        Decision.objects.filter(product=OuterRef("pk"), status=SELECTED)
        .order_by("-project__fiscal_year")
        .values("project__fiscal_year")[:1]
    )


def showcased_products() -> QuerySet[Product]:
    """Products developed in a KBO project (a SELECTED decision in any fiscal year), newest
    development first, reading only the allowed columns; each carries `latest_year`."""
    return (
        Product.objects.filter(
            Exists(Decision.objects.filter(product=OuterRef("pk"), status=SELECTED))
        )
        .select_related(*_KEYS)
        .only(*PRODUCT_FIELDS, *PRODUCER_FIELDS, *_KEYS)
        .annotate(latest_year=_latest_year())
        .order_by("-latest_year", "code")
    )


def with_photos(products: QuerySet[Product]) -> QuerySet[Product]:
    return products.prefetch_related(
        Prefetch(
            "photos",
            queryset=ProductPhoto.objects.only("pk", "caption", "product_id", "position"),
            to_attr="public_photos",
        )
    )


def with_details(products: QuerySet[Product]) -> QuerySet[Product]:
    """Photos, certificates and the KBO years of each product, in three more queries."""
    return with_photos(products).prefetch_related(
        Prefetch(
            "certificates",
            queryset=Certificate.objects.only("product_id", *CERTIFICATE_FIELDS),
            to_attr="public_certificates",
        ),
        Prefetch(
            "kbo_decisions",
            queryset=Decision.objects.filter(status=SELECTED)
            .select_related("project")
            .only("product_id", "project__fiscal_year")
            .order_by("project__fiscal_year"),
            to_attr="public_decisions",
        ),
    )


def filter_products(
    products: QuerySet[Product],
    *,
    province: Province | None = None,
    category: str = "",
    stars: int | None = None,
    certificate: str = "",
    text: str = "",
) -> QuerySet[Product]:
    """The public list's filters. The text search uses the registry's Thai word search over
    the product's search text (name, code, brand, producer name, place names)."""
    from kbo.search import matches

    if province is not None:
        products = products.filter(province=province)
    if category:
        products = products.filter(category=category)
    if stars:
        products = products.filter(current_stars=stars)
    if certificate:
        products = products.filter(
            Exists(Certificate.objects.filter(product=OuterRef("pk"), kind=certificate))
        )
    if text.strip():
        products = matches(products, text)
    return products


def safe_links(text: str) -> list[str]:
    """Shop links that are web addresses (no `javascript:` or other schemes)."""
    return [
        line.strip()
        for line in text.split()
        if line.strip().lower().startswith(("https://", "http://"))
    ]


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def public_product(product: Product) -> PublicProduct:
    """The public record of a product read through `showcased_products()`."""
    producer = product.producer
    district = producer.district
    today = date.today()
    certificates = [
        PublicCertificate(
            kind=c.kind,
            label=_label(CertificateType, c.kind),
            number=c.number,
            issuer=c.issuer,
            grade=c.grade,
            issued_on=c.issued_on,
            expires_on=c.expires_on,
            valid=c.expires_on is None or c.expires_on >= today,
        )
        for c in getattr(product, "public_certificates", [])
    ]
    return PublicProduct(
        code=product.code,
        name=product.name,
        brand=product.brand,
        category=product.category,
        category_label=_label(Category, product.category),
        subcategory=product.subcategory.name_th if product.subcategory else "",
        description=product.description,
        story=product.story,
        price=product.price,
        unit=product.unit,
        capacity=product.capacity,
        sales_channels=[
            _label(SalesChannel, c) for c in product.sales_channels or [] if c in SalesChannel
        ],
        shop_links=safe_links(product.shop_links),
        stars=product.current_stars,
        star_year=product.current_star_year,
        segment=product.current_segment,
        segment_label=_label(Segment, product.current_segment) if product.current_segment else "",
        province_code=product.province.code,
        province=product.province.name,
        producer=PublicProducer(
            name=producer.name,
            producer_type=producer.producer_type,
            type_label=_label(ProducerType, producer.producer_type),
            district_code=district.code,
            district=district.name,
        ),
        latest_year=getattr(product, "latest_year", None),
        photos=[PublicPhoto(p.pk, p.caption) for p in getattr(product, "public_photos", [])],
        certificates=certificates,
        years=sorted({d.project.fiscal_year for d in getattr(product, "public_decisions", [])}),
    )


def public_products(products: Iterable[Product]) -> list[PublicProduct]:
    return [public_product(p) for p in products]


def product(code: str) -> PublicProduct:
    """One showcased product with its details; Http404 for any other product."""
    found = with_details(showcased_products()).filter(code=code).first()
    if found is None:
        raise Http404
    return public_product(found)


def photo(pk: int) -> ProductPhoto:
    """A photo of a showcased product (Http404 for any other photo)."""
    found = (
        ProductPhoto.objects.filter(
            pk=pk,
            product__in=Decision.objects.filter(status=SELECTED).values("product"),
        )
        .only("pk", "image")
        .first()
    )
    if found is None or not found.image:
        raise Http404
    return found


def counts() -> dict[str, int]:
    """Headline numbers: products developed, their provinces, published contests."""
    developed = Product.objects.filter(
        Exists(Decision.objects.filter(product=OuterRef("pk"), status=SELECTED))
    )
    return {
        "products": developed.count(),
        "provinces": developed.values("province").distinct().count(),
        "contests": published_contests().count(),
    }


def province_counts(province: Province) -> int:
    return showcased_products().filter(province=province).count()


# News ------------------------------------------------------------------------------------


def published_news() -> QuerySet[News]:
    return (
        News.objects.published()
        .select_related("province")
        .only(
            "pk",
            "title",
            "body",
            "photo",
            "published_on",
            "province__code",
            "province__name_th",
            "province__name_en",
        )
    )


def public_news(item: News) -> PublicNews:
    return PublicNews(
        pk=item.pk,
        title=item.title,
        paragraphs=item.paragraphs,
        summary=item.summary,
        published_on=item.published_on,
        province_code=item.province.code if item.province else "",
        province=item.province.name if item.province else "",
        has_photo=bool(item.photo),
    )


# Contests --------------------------------------------------------------------------------


def published_contests() -> QuerySet[Contest]:
    return (
        Contest.objects.filter(status=Contest.Status.PUBLISHED)
        .select_related("province")
        .order_by("-fiscal_year", "name", "pk")
    )


def contests_of(province: Province) -> QuerySet[Contest]:
    """Published contests the province ran or had an entry in."""
    entered = Entry.objects.filter(province=province).values("contest")
    return published_contests().filter(Q(province=province) | Q(pk__in=entered))


def public_contest(contest: Contest) -> PublicContest:
    if contest.status != Contest.Status.PUBLISHED:
        raise Http404
    return PublicContest(
        pk=contest.pk,
        name=contest.name,
        fiscal_year=contest.fiscal_year,
        kind_label=contest.get_kind_display(),
        level_label=contest.get_level_display(),
        province_code=contest.province.code if contest.province else "",
        province=contest.province.name if contest.province else "",
        venue=contest.venue,
        starts_on=contest.starts_on,
        ends_on=contest.ends_on,
    )


def contest_results(contest: Contest) -> list[PanelResults]:
    """The ranked entries of a PUBLISHED contest as it published them (Http404 otherwise)."""
    if contest.status != Contest.Status.PUBLISHED:
        raise Http404
    panels = results.contest_results(contest)
    return _published(panels, _showcased(panels))


def contests_results(contests: Iterable[Contest]) -> dict[int, list[PanelResults]]:
    """`contest_results()` of several PUBLISHED contests, {contest id: panels}, in a fixed
    number of queries (others are left out)."""
    published = [c for c in contests if c.status == Contest.Status.PUBLISHED]
    ranked = results.contests_results(published)
    showcased = _showcased([panel for panels in ranked.values() for panel in panels])
    return {pk: _published(panels, showcased) for pk, panels in ranked.items()}


def _showcased(panels: list[results.PanelResult]) -> set[int]:
    """The entries' products selected in a project (their codes are shown)."""
    product_ids = {e.entry.product_id for p in panels for e in p.entries if e.entry.product_id}
    return set(
        Decision.objects.filter(status=SELECTED, product_id__in=product_ids).values_list(
            "product_id", flat=True
        )
    )


def _published(panels: list[results.PanelResult], showcased: set[int]) -> list[PanelResults]:
    return [
        PanelResults(
            panel.panel.name,
            panel.panel.get_stage_display(),
            [_result_row(result, showcased) for result in panel.entries],
        )
        for panel in panels
    ]


def _result_row(result: results.EntryResult, showcased: set[int]) -> ResultRow:
    entry, item = result.entry, result.entry.product
    return ResultRow(
        rank=result.rank,
        tier=result.tier,
        tier_label=_label(results.Tier, result.tier) if result.tier else "",
        number=entry.number,
        title=entry.title,
        product_code=item.code if item and item.pk in showcased else "",
        product_name=item.name if item else "",
        province=entry.province.name,
        score=result.score,
    )


def result_count() -> int:
    """Rows of the published results (every entry not withdrawn, as `contest_results`)."""
    return Entry.objects.filter(contest__status=Contest.Status.PUBLISHED, withdrawn=False).count()


def placings(code: str) -> list[tuple[PublicContest, ResultRow]]:
    """The showcased product's rows in the results of published contests, newest first."""
    product_id = (
        Product.objects.filter(
            Exists(Decision.objects.filter(product=OuterRef("pk"), status=SELECTED)), code=code
        )
        .values_list("pk", flat=True)
        .first()
    )
    if product_id is None:
        return []
    return [
        (public_contest(contest), _result_row(row, {product_id}))
        for contest, row in results.published_placings(product_id)
    ]


# Knowledge --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicAttachment:
    pk: int
    caption: str
    filename: str
    is_image: bool


@dataclass(frozen=True)
class PublicKnowledge:
    pk: int
    kind: str
    kind_label: str
    title: str
    title_en: str
    summary: str
    province_code: str  # empty for a national item
    province: str
    visibility: str
    published_at: datetime | None
    areas: list[str] = field(default_factory=list)
    area_codes: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    # The detail page's parts (empty in a list):
    body: str = ""  # sanitised HTML (kbo.knowledge.rich.clean on every save)
    body_en: str = ""
    video_links: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    attachments: list[PublicAttachment] = field(default_factory=list)
    product_code: str = ""  # a case study's product, set only when it is showcased
    product_name: str = ""

    @property
    def national(self) -> bool:
        return not self.province_code

    @property
    def public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


def knowledge_for(
    user,
    *,
    q: str = "",
    kind: str = "",
    area: str = "",
    category: str = "",
    province: str = "",
) -> QuerySet[Item]:
    """The knowledge items readable in the showcase by `user`: `Item.objects.for_user(user)`
    without drafts (never shown here, even to their editors); a query ranks by relevance.
    `province` is a province's code, or "national" for the national items."""
    items = Item.objects.for_user(user).exclude(visibility=Visibility.DRAFT)
    if kind:
        items = items.filter(kind=kind)
    if area:
        items = items.in_area(area)
    if category:
        items = items.for_category(category)
    if province == "national":
        items = items.filter(province__isnull=True)
    elif province:
        items = items.filter(province__code=province)
    if q.strip():
        items = items.search(q)
    return items


def with_knowledge_cards(items: QuerySet[Item]) -> QuerySet[Item]:
    """What a card shows: province, areas and categories, in three queries for a page."""
    return (
        items.select_related("province")
        .defer(*NOT_IN_LISTS)
        .prefetch_related(
            Prefetch(
                "areas",
                queryset=ExpertiseArea.objects.only("pk", "code", "name_th", "sort_order"),
                to_attr="public_areas",
            ),
            Prefetch(
                "categories",
                queryset=ItemCategory.objects.only("pk", "item_id", "category"),
                to_attr="public_categories",
            ),
        )
    )


def with_knowledge_details(items: QuerySet[Item]) -> QuerySet[Item]:
    """A card's parts and the detail page's: text, authors (names only), attachments."""
    return (
        with_knowledge_cards(items)
        .defer(None)
        .defer(*SEARCH_DOCUMENTS)
        .prefetch_related(
            Prefetch(
                "authors",
                queryset=KnowledgeSource.objects.only("pk", "name"),
                to_attr="public_authors",
            ),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.only("pk", "item_id", "file", "caption"),
                to_attr="public_attachments",
            ),
        )
    )


def public_knowledge(item: Item, *, details: bool = False) -> PublicKnowledge:
    """The public record of an item read through `with_knowledge_cards` (a card) or
    `with_knowledge_details` (`details=True`: the whole item)."""
    areas = getattr(item, "public_areas", [])
    extra: dict = {}
    if details:
        product = _showcased_product(item.product_id) if item.product_id else None
        authors = [a.name for a in getattr(item, "public_authors", [])]
        if item.authors_other.strip():
            authors.append(item.authors_other.strip())
        extra = {
            "body": item.body,
            "body_en": item.body_en,
            "video_links": item.links,
            "authors": authors,
            "attachments": [
                PublicAttachment(a.pk, a.caption, a.filename, a.is_image)
                for a in getattr(item, "public_attachments", [])
            ],
            "product_code": product[0] if product else "",
            "product_name": product[1] if product else "",
        }
    return PublicKnowledge(
        pk=item.pk,
        kind=item.kind,
        kind_label=_label(Kind, item.kind),
        title=item.title,
        title_en=item.title_en,
        summary=item.summary,
        province_code=item.province.code if item.province else "",
        province=item.province.name if item.province else "",
        visibility=item.visibility,
        published_at=item.published_at,
        areas=[a.name_th for a in areas],
        area_codes=[a.code for a in areas],
        categories=[_label(Category, c.category) for c in getattr(item, "public_categories", [])],
        **extra,
    )


def _showcased_product(product_id: int) -> tuple[str, str] | None:
    """(code, name) of a showcased product; None for any other."""
    return (
        Product.objects.filter(
            pk=product_id,
            pk__in=Decision.objects.filter(status=SELECTED).values("product"),
        )
        .values_list("code", "name")
        .first()
    )


def knowledge_item(user, pk: int) -> Item | None:
    """An item readable in the showcase by `user` with its details; None when the user may
    not read it (a draft is nobody's here)."""
    return with_knowledge_details(knowledge_for(user)).filter(pk=pk).first()


def knowledge_file(user, pk: int) -> Attachment:
    """An attachment of an item readable in the showcase by `user` (Http404 otherwise)."""
    found = (
        Attachment.objects.filter(pk=pk, item__in=knowledge_for(user).values("pk"))
        .only("pk", "file")
        .first()
    )
    if found is None or not found.file:
        raise Http404
    return found


def latest_knowledge(limit: int) -> list[PublicKnowledge]:
    """The newest PUBLIC items (what every visitor may read)."""
    items = with_knowledge_cards(Item.objects.public())[:limit]
    return [public_knowledge(item) for item in items]
