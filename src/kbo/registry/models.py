"""The OTOP registry: producers, products and their histories (never overwritten).

Histories are rows keyed by round or year: star ratings by selection round, segments
A/B/C/D by year, certificates, and sales by fiscal year. A product also keeps its latest
stars and segment (`current_stars`, `current_segment`) so lists filter fast; services keep
them in step with the histories.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.geo.models import District, Province, Subdistrict
from kbo.registry.validators import validate_id13


class ProducerType(models.TextChoices):
    COMMUNITY_GROUP = "COMMUNITY_GROUP", _("Community producer group")
    SINGLE_OWNER = "SINGLE_OWNER", _("Single-owner community producer")
    SME = "SME", _("SME producer")


class Category(models.TextChoices):
    FOOD = "FOOD", _("Food")
    BEVERAGE = "BEVERAGE", _("Beverages")
    TEXTILE = "TEXTILE", _("Textiles and apparel")
    HOUSEHOLD = "HOUSEHOLD", _("Household items, decoration and souvenirs")
    HERBAL = "HERBAL", _("Non-food herbal products")


class Segment(models.TextChoices):
    A = "A", _("A · Product champion")
    B = "B", _("B · Unique identity")
    C = "C", _("C · Commodity")
    D = "D", _("D · Adapting towards development")


class SalesChannel(models.TextChoices):
    TOTAL = "TOTAL", _("All channels")
    SHOP = "SHOP", _("Shop and local sales")
    FAIR = "FAIR", _("Fairs and exhibitions")
    ONLINE = "ONLINE", _("Online platforms")
    EXPORT = "EXPORT", _("Export")
    WHOLESALE = "WHOLESALE", _("Wholesale and agents")


class CertificateType(models.TextChoices):
    MOPHOCHO = "MOPHOCHO", _("Thai Community Product Standard (มผช.)")
    MOOKO = "MOOKO", _("Thai Industrial Standard (มอก.)")
    FDA = "FDA", _("Thai FDA food number (อย.)")
    COSMETIC = "COSMETIC", _("Cosmetic notification")
    GMP = "GMP", _("GMP / GHPs")
    HACCP = "HACCP", _("HACCP")
    HALAL = "HALAL", _("Halal")
    ORGANIC = "ORGANIC", _("Organic")
    GI = "GI", _("Geographical indication (GI)")
    OTOP_MARK = "OTOP_MARK", _("CDD OTOP mark")


PROVINCE_ROLES = [Role.OFFICER, Role.COMMITTEE, Role.JUDGE]


class ScopedQuerySet(models.QuerySet):
    """Who sees registry rows: national staff all; officers, committee members and judges
    their provinces'; a producer only the rows of the producers their account belongs to."""

    province_field = "province"
    producer_field = "producer_id"

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if access.is_national(user):
            return self
        provinces = access.province_ids(user, roles=PROVINCE_ROLES)
        condition = models.Q(**{f"{self.province_field}__in": provinces})
        if owned := owned_producer_ids(user):
            # Only producers' accounts need the second condition; without it the planner
            # can use the province index (an OR with a subquery defeats it at 212,000 rows).
            condition |= models.Q(**{f"{self.producer_field}__in": owned})
        return self.filter(condition)


def owned_producer_ids(user) -> list[int]:
    """The producers this account signs in for (read once per request; none without the
    producer role)."""
    if Role.PRODUCER not in access.roles(user):
        return []
    if not hasattr(user, "_kbo_producer_ids"):
        user._kbo_producer_ids = list(
            Producer.accounts.through.objects.filter(user_id=user.pk).values_list(
                "producer_id", flat=True
            )
        )
    return user._kbo_producer_ids


class ProducerQuerySet(ScopedQuerySet):
    producer_field = "pk"


class ProductChildQuerySet(ScopedQuerySet):
    province_field = "product__province"
    producer_field = "product__producer_id"


class Subcategory(models.Model):
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    name_th = models.CharField(_("Thai name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)

    class Meta:
        ordering = ["category", "name_th"]
        verbose_name = _("subcategory")
        verbose_name_plural = _("subcategories")
        constraints = [
            models.UniqueConstraint(fields=["category", "name_th"], name="subcategory_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name_th


class Producer(models.Model):
    code = models.CharField(_("producer code"), max_length=30, unique=True)
    producer_type = models.CharField(
        _("producer type"), max_length=20, choices=ProducerType.choices
    )
    name = models.CharField(_("producer name"), max_length=255)
    registered_year = models.PositiveSmallIntegerField(
        _("registration fiscal year (BE)"),
        validators=[MinValueValidator(2540), MaxValueValidator(2700)],
    )
    registered_quarter = models.PositiveSmallIntegerField(
        _("registration quarter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="producers", verbose_name=_("province")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="producers", verbose_name=_("district")
    )
    subdistrict = models.ForeignKey(
        Subdistrict,
        on_delete=models.PROTECT,
        related_name="producers",
        verbose_name=_("subdistrict"),
    )
    village_no = models.PositiveSmallIntegerField(_("village no. (หมู่)"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    id_number = models.CharField(
        _("citizen or juristic ID"),
        max_length=13,
        blank=True,
        validators=[validate_id13],
        help_text=_("13 digits. Personal data: shown in full only to officers of the province."),
    )
    member_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    community_linkage = models.TextField(_("community linkage"), blank=True)
    accounts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="producers",
        verbose_name=_("producer's user accounts"),
        help_text=_("People who sign in as this producer and see its products."),
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ProducerQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        indexes = [models.Index(fields=["province", "registered_year"], name="producer_prov_year")]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    code = models.CharField(_("product code"), max_length=30, unique=True)
    producer = models.ForeignKey(
        Producer, on_delete=models.PROTECT, related_name="products", verbose_name=_("producer")
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("province"),
        help_text=_("The producer's province, kept here for fast filtering."),
    )
    name = models.CharField(_("product name"), max_length=255)
    brand = models.CharField(_("brand"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subcategory = models.ForeignKey(
        Subcategory, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("subcategory")
    )
    description = models.TextField(_("description"), blank=True)
    story = models.TextField(_("product story"), blank=True)
    price = models.DecimalField(
        _("price (baht)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    capacity = models.CharField(
        _("production capacity"), max_length=200, blank=True, help_text=_("e.g. 500 pieces a month")
    )
    sales_channels = models.JSONField(_("sales channels"), default=list, blank=True)
    shop_links = models.TextField(
        _("online shop links"), blank=True, help_text=_("One address a line.")
    )
    current_stars = models.PositiveSmallIntegerField(
        _("stars (latest round)"), null=True, blank=True
    )
    current_star_year = models.PositiveSmallIntegerField(
        _("star round (BE)"), null=True, blank=True
    )
    current_segment = models.CharField(
        _("segment (latest)"), max_length=1, choices=Segment.choices, blank=True
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(fields=["province", "category"], name="product_prov_cat"),
            models.Index(fields=["current_stars"], name="product_stars"),
            models.Index(fields=["current_segment"], name="product_segment"),
        ]

    def __str__(self) -> str:
        return self.name


class ProductPhoto(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="products/%Y/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProductChildQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")

    def __str__(self) -> str:
        return self.caption or str(self.image.name)


class StarRound(models.Model):
    """A national OTOP Product Champion selection round, named by its BE year."""

    year = models.PositiveSmallIntegerField(_("round year (BE)"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("star selection round")
        verbose_name_plural = _("star selection rounds")

    def __str__(self) -> str:
        return self.name or f"OPC {self.year}"


class StarBand(models.Model):
    """Score band for a number of stars (e.g. 5 stars from 90); editable, since unconfirmed."""

    stars = models.PositiveSmallIntegerField(
        _("stars"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    min_score = models.DecimalField(_("minimum score"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["-stars"]
        verbose_name = _("star band")
        verbose_name_plural = _("star bands")

    def __str__(self) -> str:
        return f"{self.stars}★ ≥ {self.min_score}"


class StarRating(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="star_ratings")
    round = models.ForeignKey(StarRound, on_delete=models.PROTECT, related_name="ratings")
    stars = models.PositiveSmallIntegerField(_("stars"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    score_strength = models.DecimalField(
        _("community and producer strength"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    score_marketing = models.DecimalField(
        _("marketing and product story"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    score_quality = models.DecimalField(
        _("product quality"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    objects = ProductChildQuerySet.as_manager()

    class Meta:
        ordering = ["-round__year"]
        verbose_name = _("star rating")
        verbose_name_plural = _("star ratings")
        constraints = [
            models.UniqueConstraint(fields=["product", "round"], name="star_rating_once_per_round"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=1, stars__lte=5), name="stars_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stars}★ ({self.round.year})"


class SegmentAssessment(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="segments")
    year = models.PositiveSmallIntegerField(_("year (BE)"))
    segment = models.CharField(_("segment"), max_length=1, choices=Segment.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ProductChildQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("segment assessment")
        verbose_name_plural = _("segment assessments")
        constraints = [
            models.UniqueConstraint(fields=["product", "year"], name="segment_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.segment} ({self.year})"


class CertificateQuerySet(ProductChildQuerySet):
    def expiring(self, within_days: int = 90):
        today = timezone.localdate()
        return self.filter(
            expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=within_days)
        )


class Certificate(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("certificate"), max_length=20, choices=CertificateType.choices)
    number = models.CharField(_("number"), max_length=100, blank=True)
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)
    grade = models.CharField(
        _("grade"),
        max_length=50,
        blank=True,
        help_text=_("e.g. Premium, Classic or Standard for the OTOP mark"),
    )
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    file = models.FileField(_("scanned certificate"), upload_to="certificates/%Y/", blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "kind"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="certificate_expires_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    def days_left(self) -> int | None:
        if self.expires_on is None:
            return None
        return (self.expires_on - timezone.localdate()).days

    @property
    def is_expired(self) -> bool:
        days = self.days_left()
        return days is not None and days < 0

    @property
    def expires_soon(self) -> bool:
        days = self.days_left()
        return days is not None and 0 <= days <= 90


class Sale(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="sales")
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (BE)"))
    channel = models.CharField(
        _("channel"), max_length=20, choices=SalesChannel.choices, default=SalesChannel.TOTAL
    )
    amount = models.DecimalField(_("amount (baht)"), max_digits=14, decimal_places=2)
    units = models.PositiveIntegerField(_("units sold"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ProductChildQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "channel"]
        verbose_name = _("sales")
        verbose_name_plural = _("sales")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "fiscal_year", "channel"], name="sale_once_per_year_channel"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="sale_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.amount:,.2f}"
