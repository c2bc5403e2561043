from django.contrib import admin

from kbo.outcomes.models import Kpi


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = [
        "position",
        "code",
        "name",
        "measure",
        "baseline_offset",
        "result_offset",
        "target",
        "active",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["measure", "active"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
