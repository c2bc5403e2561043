"""Back-office: news, for a national fix when needed (officers use the showcase's own form)."""

from django.contrib import admin

from kbo.showcase import models


@admin.register(models.News)
class NewsAdmin(admin.ModelAdmin):
    list_display = ["title", "province", "published_on", "status"]
    list_filter = ["status", "province"]
    search_fields = ["title"]
    raw_id_fields = ["project", "activity"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]
