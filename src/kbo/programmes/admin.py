from django.contrib import admin

from kbo.programmes import models


class ActivityInline(admin.TabularInline):
    model = models.Activity
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "fiscal_year", "budget", "target_products"]
    list_filter = ["fiscal_year", "province__region"]
    inlines = [ActivityInline]


@admin.register(models.Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["project", "product", "status", "decided_by", "decided_at"]
    list_filter = ["status", "project__fiscal_year"]
    raw_id_fields = ["product"]
