from django.contrib import admin

from kbo.geo.models import District, Province, Region, Subdistrict


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "sort_order"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name_th", "name_en"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "province"]
    list_filter = ["province__region"]
    search_fields = ["code", "name_th", "name_en"]
    raw_id_fields = ["province"]


@admin.register(Subdistrict)
class SubdistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "district", "postal_codes"]
    search_fields = ["code", "name_th", "name_en", "postal_codes"]
    raw_id_fields = ["district", "province"]
