from django.contrib import admin

from kbo.knowledge import models


class AttachmentInline(admin.TabularInline):
    model = models.Attachment
    extra = 0


class CategoryInline(admin.TabularInline):
    model = models.ItemCategory
    extra = 0


@admin.register(models.Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "province", "visibility", "published_at"]
    list_filter = ["kind", "visibility", "province"]
    search_fields = ["title", "title_en"]
    filter_horizontal = ["areas", "provinces", "authors", "sessions"]
    raw_id_fields = ["product"]
    readonly_fields = ["version", "created_by", "updated_by", "created_at", "updated_at"]
    inlines = [CategoryInline, AttachmentInline]
