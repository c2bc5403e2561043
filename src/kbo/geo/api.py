"""Read-only geography endpoints (public): provinces, districts, subdistricts by DOPA code."""

import django_filters
from rest_framework import permissions, serializers, viewsets

from kbo.geo.models import District, Province, Subdistrict


class ProvinceSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    region_name_th = serializers.CharField(source="region.name_th", read_only=True, default="")

    class Meta:
        model = Province
        fields = ["code", "name_th", "name_en", "region", "region_name_th"]


class DistrictSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.code", read_only=True)

    class Meta:
        model = District
        fields = ["code", "name_th", "name_en", "province"]


class SubdistrictSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.code", read_only=True)
    district_name_th = serializers.CharField(source="district.name_th", read_only=True)
    province = serializers.CharField(source="province.code", read_only=True)
    province_name_th = serializers.CharField(source="province.name_th", read_only=True)
    postal_code = serializers.CharField(read_only=True)
    postal_codes = serializers.ListField(
        source="postal_code_list", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = Subdistrict
        fields = [
            "code",
            "name_th",
            "name_en",
            "district",
            "district_name_th",
            "province",
            "province_name_th",
            "postal_code",
            "postal_codes",
        ]


class DistrictFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(
        field_name="province__code", help_text="Province code (2 digits)"
    )

    class Meta:
        model = District
        fields = ["province"]


class SubdistrictFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(
        field_name="province__code", help_text="Province code (2 digits)"
    )
    district = django_filters.CharFilter(
        field_name="district__code", help_text="District code (4 digits)"
    )
    postal_code = django_filters.CharFilter(field_name="postal_codes", lookup_expr="contains")

    class Meta:
        model = Subdistrict
        fields = ["province", "district", "postal_code"]


class ProvinceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ProvinceSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"

    def get_queryset(self):
        return Province.objects.for_user(self.request.user).select_related("region")


class DistrictViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DistrictSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    filterset_class = DistrictFilter

    def get_queryset(self):
        return District.objects.for_user(self.request.user).select_related("province")


class SubdistrictViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SubdistrictSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    filterset_class = SubdistrictFilter

    def get_queryset(self):
        return Subdistrict.objects.for_user(self.request.user).select_related(
            "district", "province"
        )


def register(router) -> None:
    router.register("provinces", ProvinceViewSet, basename="province")
    router.register("districts", DistrictViewSet, basename="district")
    router.register("subdistricts", SubdistrictViewSet, basename="subdistrict")
