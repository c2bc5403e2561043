"""The registry lists' filters: one FilterSet per list, shared by the page and its export.

Both lists take the same parameters (also the API's): `q`, `province` (2-digit code),
`district` (4-digit code), `category`, `producer_type`, `stars` (repeated or a comma list;
`0` = not rated), `segment`, `registered_year_min`, `registered_year_max` (BE; a CE year is
turned into BE), `certificate` (a kind), `expiring` (a certificate expires within 90 days)
and `sort`. The producer list shows producers with at least one product matching every
product filter (category, stars, segment, certificates) at once.
"""

import datetime as dt
from typing import Any, cast

import django_filters
from django import forms
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.core.thai import BE_OFFSET
from kbo.geo.models import District, Province
from kbo.registry.models import (
    PROVINCE_ROLES,
    Category,
    Certificate,
    CertificateType,
    Producer,
    ProducerType,
    Product,
    Segment,
)
from kbo.search import matches, rank_by_name, thai_order

EXPIRING_DAYS = 90
NOT_RATED = "0"
STAR_CHOICES = [(NOT_RATED, _("not rated")), *((str(n), "★" * n) for n in range(1, 6))]
SORT_CHOICES = [
    ("name", _("Name (ก–ฮ)")),
    ("-name", _("Name (ฮ–ก)")),
    ("code", _("Code")),
    ("-code", _("Code, descending")),
    ("-stars", _("Stars, most first")),
    ("stars", _("Stars, fewest first")),
    ("-year", _("Registered, latest first")),
    ("year", _("Registered, earliest first")),
]


def visible_provinces(user) -> QuerySet[Province]:
    """The provinces whose registry rows the user may see (for the filter's choices)."""
    if access.is_national(user):
        return Province.objects.all()
    own = Producer.accounts.through.objects.filter(user_id=user.pk).values("producer__province")
    return Province.objects.filter(
        Q(pk__in=access.province_ids(user, roles=PROVINCE_ROLES)) | Q(pk__in=own)
    )


class CommaMultipleChoiceField(forms.MultipleChoiceField):
    """Accepts repeated values (`?stars=0&stars=3`) and comma lists (`?stars=0,3`)."""

    def to_python(self, value: Any) -> list[str]:
        values = super().to_python(value)
        return [part.strip() for item in values for part in item.split(",") if part.strip()]


class CommaMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = CommaMultipleChoiceField


def be_year(value: int) -> int:
    """A year typed in CE (below 2400) as BE."""
    return int(value) + BE_OFFSET if int(value) < 2400 else int(value)


class RegistryFilter(django_filters.FilterSet):
    """What the two lists share. Subclasses say where producer and product fields are."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, code, place")}),
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Province"),
        queryset=Province.objects.none(),
        to_field_name="code",
        method="filter_province",
        empty_label=_("All provinces"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.none(),
        to_field_name="code",
        method="filter_district",
        empty_label=_("All districts"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        choices=Category.choices,
        method="filter_category",
        empty_label=_("All categories"),
    )
    producer_type = django_filters.ChoiceFilter(
        label=_("Producer type"),
        choices=ProducerType.choices,
        method="filter_producer_type",
        empty_label=_("All types"),
    )
    stars = CommaMultipleChoiceFilter(
        label=_("Stars"),
        choices=STAR_CHOICES,
        method="filter_stars",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "inline-choices"}),
    )
    segment = CommaMultipleChoiceFilter(
        label=_("Segment"),
        choices=[(value, value) for value in Segment.values],
        method="filter_segment",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "inline-choices"}),
    )
    registered_year_min = django_filters.NumberFilter(
        label=_("Registered from (BE)"),
        method="filter_year_min",
        widget=forms.NumberInput(attrs={"placeholder": "2557", "min": 1900, "max": 2700}),
    )
    registered_year_max = django_filters.NumberFilter(
        label=_("Registered until (BE)"),
        method="filter_year_max",
        widget=forms.NumberInput(attrs={"placeholder": "2564", "min": 1900, "max": 2700}),
    )
    certificate = django_filters.ChoiceFilter(
        label=_("Certificate"),
        choices=CertificateType.choices,
        method="filter_certificate",
        empty_label=_("Any or none"),
    )
    expiring = django_filters.BooleanFilter(
        label=_("Certificate expires within 90 days"),
        method="filter_expiring",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="keep", empty_label=_("Code")
    )

    # Where the producer's fields are, seen from the listed model ("" or "producer__").
    producer_prefix = ""

    def __init__(self, data=None, queryset=None, *, user, **kwargs) -> None:
        super().__init__(data, queryset, **kwargs)
        self.user = user
        provinces = visible_provinces(user)
        districts = District.objects.filter(province__in=provinces)
        chosen = self.data.get("province") if self.data else None
        if chosen:
            districts = districts.filter(province__code=chosen)
        elif not (self.data and self.data.get("district")) and provinces.count() != 1:
            # 928 options would cost more to draw than the whole list: choose a province first.
            districts = districts.none()
        fields = self.form.fields
        cast(forms.ModelChoiceField, fields["province"]).queryset = provinces
        cast(forms.ModelChoiceField, fields["district"]).queryset = districts
        self._product_conditions: list[Any] = []
        self._certificate_conditions: list[Any] = []

    # Filters that only narrow: product conditions are gathered and applied together.
    def keep(self, queryset, name, value):
        return queryset

    def search(self, queryset, name, value):
        return matches(queryset, value)

    def filter_province(self, queryset, name, value):
        return queryset.filter(**{f"{self.producer_prefix}province": value})

    def filter_district(self, queryset, name, value):
        return queryset.filter(**{f"{self.producer_prefix}district": value})

    def filter_producer_type(self, queryset, name, value):
        return queryset.filter(**{f"{self.producer_prefix}producer_type": value})

    def filter_year_min(self, queryset, name, value):
        return queryset.filter(**{f"{self.producer_prefix}registered_year__gte": be_year(value)})

    def filter_year_max(self, queryset, name, value):
        return queryset.filter(**{f"{self.producer_prefix}registered_year__lte": be_year(value)})

    def filter_category(self, queryset, name, value):
        self._product_conditions.append(Q(category=value))
        return queryset

    def filter_stars(self, queryset, name, value):
        if value:
            rated = [int(v) for v in value if v != NOT_RATED]
            condition = Q(current_stars__in=rated)
            if NOT_RATED in value:
                condition |= Q(current_stars__isnull=True)
            self._product_conditions.append(condition)
        return queryset

    def filter_segment(self, queryset, name, value):
        if value:
            self._product_conditions.append(Q(current_segment__in=value))
        return queryset

    def filter_certificate(self, queryset, name, value):
        self._certificate_conditions.append(Q(kind=value))
        return queryset

    def filter_expiring(self, queryset, name, value):
        if value:
            today = timezone.localdate()
            self._certificate_conditions.append(
                Q(expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=EXPIRING_DAYS))
            )
        return queryset

    def filter_queryset(self, queryset):
        self._product_conditions, self._certificate_conditions = [], []
        queryset = super().filter_queryset(queryset)
        conditions = list(self._product_conditions)
        if self._certificate_conditions:
            certificates = Certificate.objects.filter(
                *self._certificate_conditions, product=OuterRef("pk")
            )
            conditions.append(Exists(certificates))
        if conditions:
            queryset = self.apply_product_conditions(queryset, conditions)
        return self.order(queryset)

    def apply_product_conditions(self, queryset, conditions: list[Any]):
        raise NotImplementedError

    def stars_expression(self) -> Any:
        raise NotImplementedError

    def order(self, queryset):
        data = getattr(self.form, "cleaned_data", {})
        sort, text = data.get("sort") or "", data.get("q") or ""
        if not sort and text:
            return rank_by_name(queryset, text)  # lists page this with core.paging.search_page
        descending = sort.startswith("-")
        key = sort.lstrip("-")
        if key == "name":
            name = thai_order("name")
            return queryset.order_by(name.desc() if descending else name.asc(), "pk")
        if key == "stars":
            stars = self.stars_expression()
            first = stars.desc(nulls_last=True) if descending else stars.asc(nulls_last=True)
            return queryset.order_by(first, "code")
        if key == "year":
            year = F(f"{self.producer_prefix}registered_year")
            return queryset.order_by(year.desc() if descending else year.asc(), "code")
        return queryset.order_by("-code" if sort == "-code" else "code")

    @property
    def current_sort(self) -> str:
        data = getattr(self.form, "cleaned_data", None) or {}
        return data.get("sort") or ""


class ProductFilter(RegistryFilter):
    producer_prefix = "producer__"

    class Meta:
        model = Product
        fields: list[str] = []

    def filter_province(self, queryset, name, value):
        return queryset.filter(province=value)  # kept on the product for fast filtering

    def apply_product_conditions(self, queryset, conditions):
        return queryset.filter(*conditions)

    def stars_expression(self):
        return F("current_stars")


class ProducerFilter(RegistryFilter):
    class Meta:
        model = Producer
        fields: list[str] = []

    def apply_product_conditions(self, queryset, conditions):
        products = Product.objects.filter(*conditions, producer=OuterRef("pk"))
        return queryset.filter(Exists(products))

    def stars_expression(self):
        return F("best_stars")


def with_product_summary(queryset: QuerySet[Producer]) -> QuerySet[Producer]:
    """Producers with `product_count` and `best_stars`, as subqueries (one query a page)."""
    products = Product.objects.filter(producer=OuterRef("pk")).order_by().values("producer")
    return queryset.annotate(
        product_count=Coalesce(
            Subquery(products.annotate(n=Count("pk")).values("n")[:1]), Value(0)
        ),
        best_stars=Subquery(products.annotate(best=Max("current_stars")).values("best")[:1]),
    )
