"""Back-office: the editable rubric templates, and contests for a national fix when needed.

Scores are not edited here: a judge's sheet is changed only by the judge (contests.services).
"""

from django.contrib import admin

from kbo.contests import models


class TemplateCriterionInline(admin.TabularInline):
    model = models.TemplateCriterion
    extra = 0


@admin.register(models.RubricTemplate)
class RubricTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    inlines = [TemplateCriterionInline]


class PanelInline(admin.TabularInline):
    model = models.Panel
    extra = 0


@admin.register(models.Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ["name", "fiscal_year", "kind", "province", "status"]
    list_filter = ["kind", "status", "fiscal_year"]
    search_fields = ["name"]
    readonly_fields = ["status", "opened_at", "closed_at", "published_at"]
    inlines = [PanelInline]
