"""Back-office fixes for national administrators: the editable reference lists (selection
rounds, star bands, subcategories) and, when needed, any registry record."""

from django.contrib import admin

from kbo.registry import models


@admin.register(models.StarRound)
class StarRoundAdmin(admin.ModelAdmin):
    list_display = ["year", "name"]


@admin.register(models.StarBand)
class StarBandAdmin(admin.ModelAdmin):
    list_display = ["stars", "min_score"]


@admin.register(models.Subcategory)
class SubcategoryAdmin(admin.ModelAdmin):
    list_display = ["name_th", "name_en", "category"]
    list_filter = ["category"]
    search_fields = ["name_th", "name_en"]


@admin.register(models.Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "producer_type", "province", "registered_year"]
    list_filter = ["producer_type", "province__region"]
    search_fields = ["code", "name"]
    raw_id_fields = ["province", "district", "subdistrict", "accounts"]


@admin.register(models.Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "province", "current_stars", "current_segment"]
    list_filter = ["category", "current_stars", "current_segment"]
    search_fields = ["code", "name"]
    raw_id_fields = ["producer", "province", "subcategory"]
