"""The knowledge library's endpoint (read only): /api/v1/knowledge/.

Items are fetched only through `Item.objects.for_user()` (kbo.knowledge.models): PUBLIC
items for everyone, without a token too (as the public contests and networks); PROVINCE
items for signed-in users of their province (national items: any role), drafts for their
editors. Anything else answers 404. `q` ranks by relevance (`Item.objects.search`). Every
list runs a fixed number of queries whatever its size.
"""

from collections.abc import Sequence
from typing import Any, cast

import django_filters
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, When
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from kbo.api.fields import ChoiceLabel
from kbo.core.paging import KeysFirst
from kbo.knowledge.models import (
    NOT_IN_LISTS,
    SEARCH_DOCUMENTS,
    Attachment,
    Item,
    ItemCategory,
    ItemQuerySet,
    Kind,
    Visibility,
)
from kbo.network.models import ExpertiseArea, KnowledgeSource
from kbo.programmes.models import Decision
from kbo.registry.api import code_filter
from kbo.registry.models import Category, Product

# --- Filters ------------------------------------------------------------------------------


class ItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        help_text="Thai (or English) words; results ranked by relevance, best first "
        "(a word in the title counts most, then in the areas and kind, then anywhere)",
    )
    area = django_filters.CharFilter(
        method="filter_area", help_text="Expertise area code (e.g. packaging)"
    )
    category = django_filters.ChoiceFilter(
        method="filter_category", choices=Category.choices, help_text="Product category code"
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", choices=Kind.choices, help_text="Kind of item"
    )
    province = code_filter(
        2, "province", "filter_province", "Owner province code (2 digits); national items have none"
    )
    visibility = django_filters.ChoiceFilter(
        field_name="visibility",
        choices=Visibility.choices,
        help_text="Who may read it (DRAFT: editors only, and only their own drafts)",
    )

    class Meta:
        model = Item
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return cast(ItemQuerySet, queryset).search(value)

    def filter_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return cast(ItemQuerySet, queryset).in_area(value.strip())

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return cast(ItemQuerySet, queryset).for_category(value)

    def filter_province(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(province__code=value)


# --- Serializers --------------------------------------------------------------------------


class AttachmentSerializer(serializers.ModelSerializer):
    filename = serializers.CharField(read_only=True)
    is_image = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField(
        help_text="Where to download it (the public showcase's file address); null for the "
        "files of a draft"
    )

    class Meta:
        model = Attachment
        fields = ["id", "caption", "filename", "is_image", "url"]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, attachment: Attachment) -> str | None:
        if self.context.get("draft"):
            return None
        path = reverse("showcase:knowledge_file", args=[attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ItemListSerializer(serializers.ModelSerializer):
    """An item in a list: everything but the bodies (`summary` says what it is about; `url`
    gives the whole item)."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:knowledge-detail", help_text="The whole item, with its body"
    )
    kind_label = ChoiceLabel(Item, "kind")
    visibility_label = ChoiceLabel(Item, "visibility")
    video_links = serializers.ListField(
        source="links",
        child=serializers.URLField(),
        read_only=True,
        help_text="Web addresses of videos (http/https only)",
    )
    province = serializers.CharField(
        source="province.code", read_only=True, default=None, allow_null=True
    )
    province_name_th = serializers.CharField(
        source="province.name_th", read_only=True, default=None, allow_null=True
    )
    province_name_en = serializers.CharField(
        source="province.name_en", read_only=True, default=None, allow_null=True
    )
    areas: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Expertise area codes"
    )
    categories = serializers.SerializerMethodField(help_text="Product category codes")
    authors = serializers.SerializerMethodField(
        help_text="Names of the authors (knowledge sources, then others)"
    )
    attachments = serializers.SerializerMethodField()
    product = serializers.CharField(
        source="product_code",
        read_only=True,
        default=None,
        allow_null=True,
        help_text="Code of a case study's product (when you may see the product, or it is "
        "showcased)",
    )
    relevance = serializers.IntegerField(
        read_only=True,
        default=None,
        allow_null=True,
        help_text="Search score when `q` is given (higher first)",
    )

    class Meta:
        model = Item
        fields = [
            "id", "url", "kind", "kind_label", "title", "title_en", "summary",
            "video_links", "visibility", "visibility_label", "province", "province_name_th",
            "province_name_en", "areas", "categories", "authors", "attachments", "product",
            "published_at", "updated_at", "version", "relevance",
        ]  # fmt: skip

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Category.choices)))
    def get_categories(self, item: Item) -> list[str]:
        return [c.category for c in item.categories.all()]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_authors(self, item: Item) -> list[str]:
        names = [a.name for a in item.authors.all()]
        if item.authors_other.strip():
            names.append(item.authors_other.strip())
        return names

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, item: Item) -> list[dict[str, Any]]:
        files = AttachmentSerializer(
            item.attachments.all(),
            many=True,
            context={**self.context, "draft": item.visibility == Visibility.DRAFT},
        )
        return cast(list[dict[str, Any]], files.data)


class ItemSerializer(ItemListSerializer):
    """One whole item: the list's fields and the bodies."""

    class Meta(ItemListSerializer.Meta):
        fields = [
            *ItemListSerializer.Meta.fields[:7],
            "body",
            "body_en",
            *ItemListSerializer.Meta.fields[7:],
        ]
        extra_kwargs = {
            "body": {"help_text": "Sanitised HTML (a small allow-list of tags)"},
            "body_en": {"help_text": "Sanitised HTML (a small allow-list of tags)"},
        }


# --- Views --------------------------------------------------------------------------------


class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Knowledge items you may read: techniques, standards and certificate guides, training
    materials, case studies, lessons from contests and templates. `q` ranks by relevance."""

    permission_classes = [permissions.AllowAny]
    serializer_class = ItemSerializer
    filterset_class = ItemFilter

    def get_serializer_class(self) -> type[serializers.ModelSerializer]:
        return ItemListSerializer if self.action == "list" else ItemSerializer

    def get_queryset(self) -> QuerySet[Item]:
        user = self.request.user
        showcased = Decision.objects.filter(
            product_id=OuterRef("product_id"), status=Decision.Status.SELECTED
        )
        shown = Q(Exists(showcased))
        if user.is_authenticated:
            shown |= Q(Exists(Product.objects.for_user(user).filter(pk=OuterRef("product_id"))))
        return (
            Item.objects.for_user(user)
            .select_related("province")
            .defer(*self._unread())
            .prefetch_related(
                Prefetch("areas", ExpertiseArea.objects.only("pk", "code", "sort_order")),
                Prefetch("categories", ItemCategory.objects.only("pk", "item_id", "category")),
                Prefetch("authors", KnowledgeSource.objects.only("pk", "name")),
                Prefetch(
                    "attachments", Attachment.objects.only("pk", "item_id", "file", "caption")
                ),
            )
            .annotate(
                product_code=Case(
                    When(Q(product__isnull=False) & shown, then=F("product__code")),
                    default=None,
                )
            )
            .order_by("-published_at", "-pk")
        )

    def _unread(self) -> tuple[str, ...]:
        """Columns the answer does not show (a list shows no bodies)."""
        return NOT_IN_LISTS if self.action == "list" else SEARCH_DOCUMENTS

    def paginate_queryset(self, queryset):
        if "relevance" in queryset.query.annotations:  # `q`: score every item once
            return super().paginate_queryset(cast(Sequence, KeysFirst(queryset)))
        return super().paginate_queryset(queryset)


def register(router) -> None:
    router.register("knowledge", ItemViewSet, basename="knowledge")
