"""KBO network endpoints (read only): /api/v1/networks/, /api/v1/committee-members/,
/api/v1/knowledge-sources/ and /api/v1/meetings/.

Networks, committees and knowledge sources are public; a knowledge source's phone and
e-mail are given to signed-in users only. Meetings are private to their province: they are
fetched only through `Meeting.objects.for_user()`, so another province's meeting answers 404.
Every list runs a fixed number of queries whatever its size.
"""

from collections import Counter
from collections.abc import Sequence
from functools import cached_property
from typing import Any, cast

import django_filters
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from kbo.api.filters import IntegerFilter
from kbo.core.paging import KeysFirst
from kbo.network.models import (
    AgendaItem,
    Attendance,
    CommitteeSeat,
    ExpertiseArea,
    KnowledgeSource,
    Meeting,
    Network,
    SeatRole,
    Sector,
    SourceQuerySet,
    Term,
)
from kbo.privacy.fields import mask_data
from kbo.registry.api import code_filter

# --- Filters ------------------------------------------------------------------------------


class ProvinceFilter(django_filters.FilterSet):
    province_path = "province__code"

    province = code_filter(2, "province", "filter_province", "Province code (2 digits)")

    def filter_province(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{self.province_path: value})


class NetworkFilter(ProvinceFilter):
    class Meta:
        model = Network
        fields: list[str] = []


class SeatFilter(ProvinceFilter):
    province_path = "term__network__province__code"

    term = IntegerFilter(field_name="term_id", help_text="Committee term id")
    person = IntegerFilter(
        field_name="person_id", help_text="Knowledge source id of the member (their history)"
    )

    class Meta:
        model = CommitteeSeat
        fields: list[str] = []


class SourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text", help_text="Thai text of a need; results ranked by relevance"
    )
    area = django_filters.CharFilter(
        method="filter_area", help_text="Expertise area code (comma list: any of them)"
    )
    province = code_filter(
        2, "province", "filter_province", "Province code (2 digits): home province or service area"
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", choices=KnowledgeSource._meta.get_field("kind").choices
    )

    class Meta:
        model = KnowledgeSource
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return cast(SourceQuerySet, queryset).search(value)

    def filter_area(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        codes = [code.strip() for code in value.split(",") if code.strip()]
        areas = KnowledgeSource.areas.through.objects.filter(
            knowledgesource_id=OuterRef("pk"), expertisearea__code__in=codes
        )
        return queryset.filter(Exists(areas))

    def filter_province(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        served = KnowledgeSource.service_provinces.through.objects.filter(
            knowledgesource_id=OuterRef("pk"), province__code=value
        )
        return queryset.filter(Q(home_province__code=value) | Q(Exists(served)))


class MeetingFilter(ProvinceFilter):
    fiscal_year = IntegerFilter(field_name="fiscal_year", help_text="BE fiscal year")

    class Meta:
        model = Meeting
        fields: list[str] = []


# --- Serializers --------------------------------------------------------------------------


class SeatSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = CommitteeSeat
        fields = ["id", "person", "person_name", "role", "sector", "position", "organisation"]


DATE = {"type": "string", "format": "date"}
TERM_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {
        "id": {"type": "integer"},
        "order_number": {"type": "string"},
        "order_date": {**DATE, "nullable": True},
        "starts_on": DATE,
        "ends_on": {**DATE, "nullable": True},
    },
}


class NetworkSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)
    province_name_th = serializers.CharField(source="province.name_th", read_only=True)
    province_name_en = serializers.CharField(source="province.name_en", read_only=True)
    current_term = serializers.SerializerMethodField()
    chair = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField(help_text="Members of the current term")
    members_by_sector = serializers.SerializerMethodField(
        help_text="Members of the current term by sector: {SECTOR: count}"
    )

    class Meta:
        model = Network
        fields = [
            "id", "name", "province", "province_name_th", "province_name_en", "founded_year",
            "status", "secretariat", "current_term", "chair", "members", "members_by_sector",
        ]  # fmt: skip

    @staticmethod
    def _term(network: Network) -> Term | None:
        terms = network.current_terms  # type: ignore[attr-defined]
        return terms[0] if terms else None

    @extend_schema_field(TERM_SCHEMA)
    def get_current_term(self, network: Network) -> dict[str, Any] | None:
        term = self._term(network)
        if term is None:
            return None
        return {
            "id": term.pk,
            "order_number": term.order_number,
            "order_date": term.order_date,
            "starts_on": term.starts_on,
            "ends_on": term.ends_on,
        }

    @extend_schema_field(SeatSerializer(allow_null=True))
    def get_chair(self, network: Network) -> dict[str, Any] | None:
        term = self._term(network)
        chair = (
            next((s for s in term.seats.all() if s.role == SeatRole.CHAIR), None) if term else None
        )
        return self._seat.to_representation(chair) if chair else None

    @cached_property
    def _seat(self) -> SeatSerializer:
        # One for the whole list: building a serializer's fields costs more than its row.
        return SeatSerializer(context=self.context)

    def get_members(self, network: Network) -> int:
        term = self._term(network)
        return len(term.seats.all()) if term else 0

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "example": {"GOVERNMENT": 9, "EDUCATION": 3},
        }
    )
    def get_members_by_sector(self, network: Network) -> dict[str, int]:
        term = self._term(network)
        counts = Counter(seat.sector for seat in term.seats.all()) if term else Counter()
        return {sector: counts[sector] for sector in Sector.values if counts[sector]}


class CommitteeMemberSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    network = serializers.IntegerField(source="term.network_id", read_only=True)
    province = serializers.CharField(source="term.network.province.code", read_only=True)
    province_name_th = serializers.CharField(source="term.network.province.name_th", read_only=True)
    order_number = serializers.CharField(source="term.order_number", read_only=True)
    term_starts_on = serializers.DateField(source="term.starts_on", read_only=True)
    term_ends_on = serializers.DateField(source="term.ends_on", read_only=True)

    class Meta:
        model = CommitteeSeat
        fields = [
            "id", "person", "person_name", "role", "sector", "position", "organisation", "order",
            "term", "order_number", "term_starts_on", "term_ends_on", "network", "province",
            "province_name_th",
        ]  # fmt: skip


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExpertiseArea
        fields = ["code", "name_th", "name_en"]


class KnowledgeSourceSerializer(serializers.ModelSerializer):
    areas = AreaSerializer(many=True, read_only=True)
    home_province = serializers.CharField(source="home_province.code", read_only=True, default=None)
    service_provinces: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    relevance = serializers.IntegerField(
        read_only=True,
        default=None,
        allow_null=True,
        help_text="Search score when `q` is given (higher first)",
    )

    class Meta:
        model = KnowledgeSource
        fields = [
            "id", "kind", "name", "title", "organisation", "sector", "areas", "description",
            "home_province", "service_provinces", "availability", "phone", "email", "relevance",
        ]  # fmt: skip

    def to_representation(self, instance: KnowledgeSource) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None:
            data["phone"] = data["email"] = ""
            return data
        # Contact details: for signed-in users (kbo.privacy.fields).
        return mask_data(request.user, instance, data)


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["order", "title", "detail", "resolution"]


class MeetingSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)
    province = serializers.CharField(source="province.code", read_only=True)
    province_name_th = serializers.CharField(source="province.name_th", read_only=True)
    chair_name = serializers.CharField(
        source="chair.person.name", read_only=True, default=None, allow_null=True
    )
    agenda = AgendaItemSerializer(many=True, read_only=True)
    present = serializers.IntegerField(read_only=True)
    absent = serializers.IntegerField(read_only=True)
    represented = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "name", "network", "province", "province_name_th", "fiscal_year", "number",
            "held_on", "starts_at", "place", "chair", "chair_name", "agenda", "present",
            "absent", "represented", "minutes_note", "recorded_by",
        ]  # fmt: skip


# --- Views --------------------------------------------------------------------------------


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """KBO networks (one per province, public) with the current term's chair and members."""

    permission_classes = [permissions.AllowAny]
    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter

    def get_queryset(self) -> QuerySet[Network]:
        latest = Term.objects.filter(network=OuterRef("network")).order_by("-starts_on", "-pk")
        current = Term.objects.filter(pk=Subquery(latest.values("pk")[:1]))
        seats = CommitteeSeat.objects.select_related("person")
        return Network.objects.select_related("province").prefetch_related(
            Prefetch("terms", current.prefetch_related(Prefetch("seats", seats)),
                     to_attr="current_terms")
        )  # fmt: skip


class CommitteeMemberViewSet(viewsets.ReadOnlyModelViewSet):
    """Committee seats: a member's seats across terms are their history (`?person=`)."""

    permission_classes = [permissions.AllowAny]
    serializer_class = CommitteeMemberSerializer
    filterset_class = SeatFilter

    def get_queryset(self) -> QuerySet[CommitteeSeat]:
        return CommitteeSeat.objects.select_related("person", "term__network__province").order_by(
            "term__network__province__code", "-term__starts_on", "order", "pk"
        )


class KnowledgeSourceViewSet(viewsets.ReadOnlyModelViewSet):
    """Knowledge sources listed in the directory; `q` ranks them by relevance to a need."""

    permission_classes = [permissions.AllowAny]
    serializer_class = KnowledgeSourceSerializer
    filterset_class = SourceFilter

    def get_queryset(self) -> QuerySet[KnowledgeSource]:
        return (
            KnowledgeSource.objects.filter(listed=True)
            .select_related("home_province")
            .prefetch_related("areas", "service_provinces")
            .order_by("name", "pk")
        )

    def paginate_queryset(self, queryset):
        if "relevance" in queryset.query.annotations:  # `q`: score every source once
            return super().paginate_queryset(cast(Sequence, KeysFirst(queryset)))
        return super().paginate_queryset(queryset)


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Committee meetings of the provinces the user may see, with agenda and attendance."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter

    def get_queryset(self) -> QuerySet[Meeting]:
        def status(value: str) -> Count:
            return Count("attendance", filter=Q(attendance__status=value))

        return (
            Meeting.objects.for_user(self.request.user)
            .select_related("province", "chair__person")
            .prefetch_related("agenda")
            .annotate(
                present=status(Attendance.Status.PRESENT),
                absent=status(Attendance.Status.ABSENT),
                represented=status(Attendance.Status.REPRESENTED),
            )
            .order_by("-held_on", "-pk")
        )


def register(router) -> None:
    router.register("networks", NetworkViewSet, basename="network")
    router.register("committee-members", CommitteeMemberViewSet, basename="committee-member")
    router.register("knowledge-sources", KnowledgeSourceViewSet, basename="knowledge-source")
    router.register("meetings", MeetingViewSet, basename="meeting")
