"""Back-office for national administrators: the editable expertise taxonomy and, when a
fix is needed, any network, term, seat, knowledge source or meeting.

A knowledge source's search text follows its areas and service provinces, which the admin
saves after the source itself: saving through the admin recomputes it (`source_texts`).
"""

from django.contrib import admin

from kbo.network import models
from kbo.network.services import source_texts


@admin.register(models.ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "sort_order"]
    list_editable = ["sort_order"]
    search_fields = ["code", "name_th", "name_en", "keywords"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The area's names and search words are part of its sources' search text.
        for source in obj.sources.prefetch_related("areas", "service_provinces"):
            source.search_text, source.area_text = source_texts(source)
            source.save(update_fields=["search_text", "area_text"])


class TermInline(admin.TabularInline):
    model = models.Term
    extra = 0


@admin.register(models.Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "founded_year", "status", "secretariat"]
    list_filter = ["status", "province__region"]
    search_fields = ["name", "province__name_th"]
    raw_id_fields = ["province"]
    inlines = [TermInline]


class SeatInline(admin.TabularInline):
    model = models.CommitteeSeat
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["network", "order_number", "starts_on", "ends_on"]
    list_filter = ["network"]
    inlines = [SeatInline]


@admin.register(models.KnowledgeSource)
class KnowledgeSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "organisation", "home_province", "listed"]
    list_filter = ["kind", "sector", "listed", "areas"]
    search_fields = ["name", "organisation", "description"]
    raw_id_fields = ["home_province"]
    filter_horizontal = ["areas", "service_provinces"]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        source = form.instance
        source.search_text, source.area_text = source_texts(source)
        source.save(update_fields=["search_text", "area_text"])


@admin.register(models.CommitteeSeat)
class CommitteeSeatAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "sector", "term"]
    list_filter = ["role", "sector", "term__network"]
    search_fields = ["person__name", "position", "organisation"]
    raw_id_fields = ["term", "person"]


class AgendaInline(admin.StackedInline):
    model = models.AgendaItem
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = models.Attendance
    extra = 0
    raw_id_fields = ["seat"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "network", "held_on", "place"]
    list_filter = ["network", "fiscal_year"]
    raw_id_fields = ["network", "province", "chair"]
    inlines = [AgendaInline, AttendanceInline]
