"""Registry endpoints: /api/v1/producers/ and /api/v1/products/.

Records are fetched only through `for_user()`, so another province's record answers 404; a
record the user can see but may not change answers 403 to PUT and PATCH. Creation and
updates go through `registry.services` and are audited with the API user as the actor.
Lists take the registry's filters as query parameters (see docs/guide/api.md) and run a
fixed number of queries whatever their size.
"""

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import Any

import django_filters
from auditlog.context import auditlog_value, set_actor
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core.locking import StaleEdit
from kbo.geo.models import Subdistrict
from kbo.privacy import fields as privacy_fields
from kbo.privacy import services as privacy
from kbo.registry import services
from kbo.registry.models import (
    Category,
    Certificate,
    Producer,
    Product,
    ProductPhoto,
    Sale,
    SalesChannel,
    Segment,
    SegmentAssessment,
    StarRating,
    Subcategory,
)
from kbo.registry.validators import validate_id13
from kbo.search import matches

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_YEARS = (2400, 2700)


# --- Filters ------------------------------------------------------------------------------


class CommaListField(forms.CharField):
    """A comma-separated list of allowed values ("3,4", "c, d"); cleans to a list."""

    def __init__(self, *, allowed: list[str], message: str = "", **kwargs: Any) -> None:
        self.allowed = allowed
        self.message = message
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value)
        if not text:
            return []
        items = [part.strip().upper() for part in text.split(",")]
        bad = [item for item in items if item not in self.allowed]
        if bad:
            raise forms.ValidationError(
                _("%(bad)s: %(message)s Allowed: %(allowed)s (a comma-separated list)."),
                code="invalid_choice",
                params={
                    "bad": ", ".join(bad) or _("(empty)"),
                    "message": self.message,
                    "allowed": ", ".join(self.allowed),
                },
            )
        return list(dict.fromkeys(items))


@extend_schema_field(OpenApiTypes.STR)
class CommaListFilter(django_filters.Filter):
    field_class = CommaListField


class YearField(forms.IntegerField):
    """A Buddhist Era year, with a message that says so when a CE year is given."""

    default_error_messages = {"invalid": _("Give a whole year in the Buddhist Era, e.g. 2564.")}

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = value.strip().translate(THAI_DIGITS)
        return super().to_python(value)

    def validate(self, value: int | None) -> None:
        super().validate(value)
        if value is not None and not BE_YEARS[0] <= value <= BE_YEARS[1]:
            raise forms.ValidationError(
                _("%(value)s is not a Buddhist Era year: give e.g. 2564 (CE + 543)."),
                code="be_year",
                params={"value": value},
            )


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(django_filters.Filter):
    field_class = YearField


def code_filter(digits: int, what: Any, method: str, help_text: str) -> django_filters.CharFilter:
    def validate(value: str) -> None:
        if not re.fullmatch(rf"[0-9]{{{digits}}}", value):
            raise forms.ValidationError(
                _("%(value)s: a %(what)s code has %(digits)s digits."),
                code="code_digits",
                params={"value": value, "what": what, "digits": digits},
            )

    return django_filters.CharFilter(method=method, help_text=help_text, validators=[validate])


class RegistryFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("registered_year_min"), data.get("registered_year_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "registered_year_max",
                _("registered_year_max must not be before registered_year_min."),
            )
        return data


def product_conditions(data: dict[str, Any]) -> Q:
    """The product filters (category, stars, segment) as one condition on Product."""
    condition = Q()
    if data.get("category"):
        condition &= Q(category__in=data["category"])
    if data.get("stars"):
        rated = [int(s) for s in data["stars"] if s != "0"]
        stars = Q(current_stars__in=rated) if rated else Q(pk__in=[])
        if "0" in data["stars"]:
            stars |= Q(current_stars__isnull=True)
        condition &= stars
    if data.get("segment"):
        condition &= Q(current_segment__in=data["segment"])
    return condition


class RegistryFilter(django_filters.FilterSet):
    """The registry's list filters; `producer_path` reaches the producer from the model."""

    producer_path = ""

    code = django_filters.CharFilter(field_name="code", help_text="Exact code of the record")
    province = code_filter(2, _("province"), "filter_province", "Province code (2 digits)")
    district = code_filter(4, _("district"), "filter_district", "District code (4 digits)")
    category = CommaListFilter(
        method="filter_later",
        allowed=list(Category.values),
        message=_("unknown category."),
        help_text="Category: FOOD, BEVERAGE, TEXTILE, HOUSEHOLD or HERBAL (comma list)",
    )
    stars = CommaListFilter(
        method="filter_later",
        allowed=["0", "1", "2", "3", "4", "5"],
        message=_("stars are 1 to 5, or 0 for not rated."),
        help_text="Current stars, comma list of 0-5; 0 = not rated",
    )
    segment = CommaListFilter(
        method="filter_later",
        allowed=list(Segment.values),
        message=_("unknown segment."),
        help_text="Current segment, comma list of A, B, C, D",
    )
    registered_year_min = YearFilter(
        method="filter_year_min", help_text="Producer registered in or after this BE year"
    )
    registered_year_max = YearFilter(
        method="filter_year_max", help_text="Producer registered in or before this BE year"
    )
    q = django_filters.CharFilter(method="filter_text", help_text="Thai text search")

    class Meta:
        form = RegistryFilterForm
        fields: list[str] = []

    def filter_province(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(province__code=value)

    def filter_district(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"{self.producer_path}district__code": value})

    def filter_year_min(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(**{f"{self.producer_path}registered_year__gte": value})

    def filter_year_max(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(**{f"{self.producer_path}registered_year__lte": value})

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return matches(queryset, value)

    def filter_later(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset  # applied together in filter_queryset()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        condition = product_conditions(self.form.cleaned_data)
        return self.filter_products(queryset, condition) if condition else queryset

    def filter_products(self, queryset: QuerySet, condition: Q) -> QuerySet:
        raise NotImplementedError


class ProductFilter(RegistryFilter):
    producer_path = "producer__"

    class Meta(RegistryFilter.Meta):
        model = Product

    def filter_products(self, queryset: QuerySet, condition: Q) -> QuerySet:
        return queryset.filter(condition)


class ProducerFilter(RegistryFilter):
    """Category, stars and segment select producers with at least one such product."""

    class Meta(RegistryFilter.Meta):
        model = Producer

    def filter_products(self, queryset: QuerySet, condition: Q) -> QuerySet:
        products = Product.objects.filter(condition, producer=OuterRef("pk"))
        return queryset.filter(Exists(products))


# --- Serializers --------------------------------------------------------------------------


def personal_data_rule(user) -> Callable[[Producer], bool]:
    """Does `user` see a producer's ID in clear (kbo.privacy.fields)? At most one query
    for any number of producers: officers of the province, national staff, the producer."""
    field = privacy_fields.BY_KEY["registry.producer.id_number"]

    def shows(producer: Producer) -> bool:
        _model, province_id, own = privacy_fields.record_context(user, producer)
        return privacy_fields.sees_in_clear(user, field, province_id=province_id, is_self=own)

    return shows


class SubdistrictCodeField(serializers.SlugRelatedField):
    default_error_messages = {
        "does_not_exist": _("No subdistrict has the code {value}."),
        "invalid": _("A subdistrict code has 6 digits."),
    }

    def __init__(self, **kwargs: Any) -> None:
        queryset = Subdistrict.objects.select_related("district", "province")
        super().__init__(slug_field="code", queryset=queryset, **kwargs)

    def to_internal_value(self, data: Any) -> Subdistrict:
        code = str(data).strip().translate(THAI_DIGITS)
        if not re.fullmatch(r"\d{6}", code):
            self.fail("invalid")
        return super().to_internal_value(code)


class ID13Field(serializers.CharField):
    """A citizen or juristic ID; Thai digits, dashes and spaces are accepted and dropped."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validators", [validate_id13])
        super().__init__(max_length=13, allow_blank=True, required=False, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        return text.translate(THAI_DIGITS).replace("-", "").replace(" ", "")


class ProducerCodeField(serializers.SlugRelatedField):
    """A producer by its code, among the producers the user can see."""

    default_error_messages = {
        "does_not_exist": _("No producer you can see has the code {value}."),
        "invalid": _("Give the producer's code."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", queryset=Producer.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Producer]:
        user = self.context["request"].user
        return Producer.objects.for_user(user).select_related(
            "province", "district", "subdistrict__district", "subdistrict__province"
        )


VERSION_HELP = (
    "The record's version: send back the one you read to update only if nobody changed the "
    "record since (409 otherwise); leave out to update without the check"
)


class ConflictSerializer(serializers.Serializer):
    """A 409 answer: what conflicts and, for a stale `version`, the record's version now."""

    detail = serializers.CharField(help_text="What went wrong (Thai or English)")
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The record's version now, when it changed since `version` (null: deleted)",
    )


def stale_answers(serializer: type[serializers.Serializer]) -> dict[str, Any]:
    """Schema of PUT and PATCH: the record, or 409 when `version` is no longer current."""
    answers = {
        200: serializer,
        409: OpenApiResponse(ConflictSerializer, description="Changed since `version`"),
    }
    return {
        "update": extend_schema(responses=answers),
        "partial_update": extend_schema(responses=answers),
    }


class ServiceSaveMixin:
    """Turn a model's full_clean() errors raised inside a service into a 400 answer."""

    @staticmethod
    @contextlib.contextmanager
    def model_errors() -> Iterator[None]:
        try:
            yield
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error


class ProducerSerializer(ServiceSaveMixin, serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    province_name_th = serializers.CharField(source="province.name_th", read_only=True)
    district = serializers.CharField(source="district.code", read_only=True)
    district_name_th = serializers.CharField(source="district.name_th", read_only=True)
    subdistrict = SubdistrictCodeField(help_text="Subdistrict code (6 digits)")
    subdistrict_name_th = serializers.CharField(source="subdistrict.name_th", read_only=True)
    id_number = ID13Field(help_text="Citizen or juristic ID (13 digits); personal data")
    product_count = serializers.IntegerField(read_only=True)
    personal_data_masked = serializers.SerializerMethodField(
        help_text="True when id_number and phone are masked for this user"
    )
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)

    class Meta:
        model = Producer
        fields = [
            "id", "code", "name", "producer_type", "registered_year", "registered_quarter",
            "province", "province_name_th", "district", "district_name_th",
            "subdistrict", "subdistrict_name_th", "village_no", "address", "contact_name",
            "phone", "id_number", "personal_data_masked", "member_count", "community_linkage",
            "product_count", "created_at", "updated_at", "version",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    def get_personal_data_masked(self, producer: Producer) -> bool:
        return not self.context["shows_personal_data"](producer)

    def to_representation(self, instance: Producer) -> dict[str, Any]:
        data = super().to_representation(instance)
        return privacy_fields.mask_data(self.context["request"].user, instance, data)

    def create(self, validated_data: dict[str, Any]) -> Producer:
        validated_data.pop("version", None)
        with self.model_errors():
            return services.producer_save(
                by=self.context["request"].user, producer=Producer(**validated_data)
            )

    def update(self, instance: Producer, validated_data: dict[str, Any]) -> Producer:
        version = validated_data.pop("version", None)
        for field, value in validated_data.items():
            setattr(instance, field, value)
        with self.model_errors():
            return services.producer_save(
                by=self.context["request"].user, producer=instance, version=version
            )


class StarRatingSerializer(serializers.ModelSerializer):
    round_year = serializers.IntegerField(source="round.year", read_only=True)

    class Meta:
        model = StarRating
        fields = [
            "round_year",
            "stars",
            "score",
            "score_strength",
            "score_marketing",
            "score_quality",
        ]


class SegmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = SegmentAssessment
        fields = ["year", "segment", "note"]


class CertificateSerializer(serializers.ModelSerializer):
    is_expired = serializers.BooleanField(read_only=True)
    expires_soon = serializers.BooleanField(read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "kind", "number", "issuer", "grade", "issued_on", "expires_on", "is_expired",
            "expires_soon", "file",
        ]  # fmt: skip


class SaleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sale
        fields = ["fiscal_year", "channel", "amount", "units"]


class PhotoSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProductPhoto
        fields = ["image", "caption", "position"]


class ProductSerializer(ServiceSaveMixin, serializers.ModelSerializer):
    producer = ProducerCodeField(help_text="Producer code")
    producer_name = serializers.CharField(source="producer.name", read_only=True)
    province = serializers.CharField(source="province.code", read_only=True)
    province_name_th = serializers.CharField(source="province.name_th", read_only=True)
    district = serializers.CharField(source="producer.district.code", read_only=True)
    district_name_th = serializers.CharField(source="producer.district.name_th", read_only=True)
    subdistrict = serializers.CharField(source="producer.subdistrict.code", read_only=True)
    subdistrict_name_th = serializers.CharField(
        source="producer.subdistrict.name_th", read_only=True
    )
    subcategory = serializers.PrimaryKeyRelatedField(
        queryset=Subcategory.objects.all(), allow_null=True, required=False
    )
    subcategory_name = serializers.CharField(
        source="subcategory.name_th", read_only=True, default=None, allow_null=True
    )
    sales_channels = serializers.ListField(
        child=serializers.ChoiceField(
            choices=[c for c in SalesChannel.choices if c[0] != SalesChannel.TOTAL]
        ),
        required=False,
    )
    current_segment = serializers.SerializerMethodField()
    version = serializers.IntegerField(required=False, min_value=0, help_text=VERSION_HELP)

    class Meta:
        model = Product
        fields = [
            "id", "code", "name", "brand", "category", "subcategory", "subcategory_name",
            "producer", "producer_name", "province", "province_name_th", "district",
            "district_name_th", "subdistrict", "subdistrict_name_th", "current_stars",
            "current_star_year", "current_segment", "description", "story", "price", "unit",
            "capacity", "sales_channels", "shop_links", "created_at", "updated_at", "version",
        ]  # fmt: skip
        read_only_fields = ["current_stars", "current_star_year", "created_at", "updated_at"]

    def get_current_segment(self, product: Product) -> str | None:
        return product.current_segment or None

    def validate_price(self, value: Any) -> Any:
        if value is not None and value < 0:
            raise serializers.ValidationError(_("A price cannot be negative."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        category = attrs.get("category", getattr(self.instance, "category", None))
        subcategory = attrs.get("subcategory", getattr(self.instance, "subcategory", None))
        if subcategory is not None and subcategory.category != category:
            raise serializers.ValidationError(
                {"subcategory": _("This subcategory belongs to another category.")}
            )
        return attrs

    def create(self, validated_data: dict[str, Any]) -> Product:
        validated_data.pop("version", None)
        with self.model_errors():
            return services.product_save(
                by=self.context["request"].user, product=Product(**validated_data)
            )

    def update(self, instance: Product, validated_data: dict[str, Any]) -> Product:
        version = validated_data.pop("version", None)
        for field, value in validated_data.items():
            setattr(instance, field, value)
        with self.model_errors():
            return services.product_save(
                by=self.context["request"].user, product=instance, version=version
            )


class ProductDetailSerializer(ProductSerializer):
    """A product with its histories (read only; they change through the web pages)."""

    star_ratings = StarRatingSerializer(many=True, read_only=True)
    segments = SegmentSerializer(many=True, read_only=True)
    certificates = CertificateSerializer(many=True, read_only=True)
    sales = SaleSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta(ProductSerializer.Meta):
        fields = [
            *ProductSerializer.Meta.fields,
            "star_ratings", "segments", "certificates", "sales", "photos",
        ]  # fmt: skip


# --- Views --------------------------------------------------------------------------------


class RegistryPermission(permissions.IsAuthenticated):
    """Read what `for_user()` shows; change only as an officer of the record's province or
    as national staff (others get 403 on a record they can see)."""

    message = _("Only officers of the province and national staff may change the registry.")

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.method in permissions.SAFE_METHODS or view.action != "create":
            return True
        return access.has_role(request.user, Role.OFFICER)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.can_manage_province(request.user, obj.province_id)


@contextlib.contextmanager
def audited_as(request) -> Iterator[None]:
    """Record the API user as the actor of the audit entries written inside.

    AuditlogMiddleware runs before DRF reads the token, so it saw no user; its context is
    reused here (a nested `set_actor` would leave its signal receiver connected)."""
    try:
        context = auditlog_value.get()
    except LookupError:
        context = None
    if context is None:
        with set_actor(request.user):
            yield
        return
    previous, context["actor"] = context.get("actor"), request.user
    try:
        yield
    finally:
        context["actor"] = previous


class RegistryViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    permission_classes = [RegistryPermission]

    def perform_create(self, serializer) -> None:
        with audited_as(self.request):
            serializer.save()

    def perform_update(self, serializer) -> None:
        with audited_as(self.request):
            serializer.save()

    def update(self, request, *args: Any, **kwargs: Any) -> Response:
        """PUT and PATCH; 409 (nothing saved) when `version` is given and no longer current."""
        try:
            return super().update(request, *args, **kwargs)
        except StaleEdit as stale:
            return Response(
                {"detail": stale.message, "version": stale.version},
                status=status.HTTP_409_CONFLICT,
            )


@extend_schema_view(**stale_answers(ProducerSerializer))
class ProducerViewSet(RegistryViewSet):
    """OTOP producers. `id_number` and `phone` are masked unless the user is an officer of
    the producer's province, national staff, or the producer's own account."""

    serializer_class = ProducerSerializer
    filterset_class = ProducerFilter

    def get_queryset(self) -> QuerySet[Producer]:
        product_count = (
            Product.objects.filter(producer=OuterRef("pk"))
            .order_by()
            .values("producer")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            Producer.objects.for_user(self.request.user)
            .select_related("province", "district", "subdistrict")
            .annotate(
                product_count=Coalesce(Subquery(product_count, output_field=IntegerField()), 0)
            )
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        context["shows_personal_data"] = personal_data_rule(self.request.user)
        return context

    def retrieve(self, request, *args: Any, **kwargs: Any) -> Response:
        """One producer; personal fields shown in clear are logged (one row)."""
        producer = self.get_object()
        data = self.get_serializer(producer).data
        shown = privacy_fields.clear_fields(request.user, producer)
        privacy.log_access(request, fields=shown, kind="API", obj=producer)
        return Response(data)


@extend_schema_view(**stale_answers(ProductSerializer))
class ProductViewSet(RegistryViewSet):
    """OTOP products; the detail adds the histories: stars by round, segments by year,
    certificates, sales by fiscal year and photos."""

    filterset_class = ProductFilter

    def get_serializer_class(self) -> type[ProductSerializer]:
        return ProductDetailSerializer if self.action == "retrieve" else ProductSerializer

    def get_queryset(self) -> QuerySet[Product]:
        queryset = Product.objects.for_user(self.request.user).select_related(
            "producer", "province", "producer__district", "producer__subdistrict", "subcategory"
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("star_ratings", StarRating.objects.select_related("round")),
                "segments",
                "certificates",
                "sales",
                "photos",
            )
        return queryset


def register(router) -> None:
    router.register("producers", ProducerViewSet, basename="producer")
    router.register("products", ProductViewSet, basename="product")
