"""Outcomes of the KBO projects: the KPIs as data.

Sales themselves live in the registry (`registry.Sale`: product × fiscal year × channel);
what a KPI measures is code (`Measure`, computed in `kbo.outcomes.measures`), but its name,
definition, the years it compares and its target are data that national staff edit.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    PRODUCTS_DEVELOPED = "PRODUCTS_DEVELOPED", _("Products developed")
    REVENUE_TOTAL = "REVENUE_TOTAL", _("Total revenue in the result year")
    REVENUE_ROSE_SHARE = "REVENUE_ROSE_SHARE", _("Share of products whose revenue rose")
    REVENUE_CHANGE_TOTAL = "REVENUE_CHANGE_TOTAL", _("Total revenue change")
    REVENUE_CHANGE_AVERAGE = "REVENUE_CHANGE_AVERAGE", _("Average revenue change per product")
    GAINED_STAR = "GAINED_STAR", _("Products that gained a star")
    GAINED_SEGMENT = "GAINED_SEGMENT", _("Products that moved up a segment")
    GAINED_CERTIFICATE = "GAINED_CERTIFICATE", _("Products that gained a certificate")


class Unit(models.TextChoices):
    COUNT = "count", _("products")
    PERCENT = "percent", _("per cent")
    BAHT = "baht", _("baht")


MEASURE_UNITS = {
    Measure.PRODUCTS_DEVELOPED: Unit.COUNT,
    Measure.REVENUE_TOTAL: Unit.BAHT,
    Measure.REVENUE_ROSE_SHARE: Unit.PERCENT,
    Measure.REVENUE_CHANGE_TOTAL: Unit.BAHT,
    Measure.REVENUE_CHANGE_AVERAGE: Unit.BAHT,
    Measure.GAINED_STAR: Unit.COUNT,
    Measure.GAINED_SEGMENT: Unit.COUNT,
    Measure.GAINED_CERTIFICATE: Unit.COUNT,
}


class KpiQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Kpi(models.Model):
    """One key performance indicator of the programme, as the department defines it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    definition = models.TextField(_("definition (Thai)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    measure = models.CharField(_("what is measured"), max_length=30, choices=Measure.choices)
    baseline_offset = models.PositiveSmallIntegerField(
        _("baseline: years before the project year"),
        default=1,
        help_text=_("1 = the fiscal year before the product was developed."),
    )
    result_offset = models.PositiveSmallIntegerField(
        _("result: years after the project year"),
        default=0,
        help_text=_("0 = the project's own fiscal year; 1 = the year after."),
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("shown in dashboards and reports"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = KpiQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(baseline_offset__gte=1) & models.Q(baseline_offset__lte=5),
                name="kpi_baseline_within_five_years",
            ),
            models.CheckConstraint(
                condition=models.Q(result_offset__lte=5), name="kpi_result_within_five_years"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def unit(self) -> str:
        return MEASURE_UNITS[Measure(self.measure)]

    def label(self, language: str = "th") -> str:
        return self.name_en if language.startswith("en") and self.name_en else self.name

    def explanation(self, language: str = "th") -> str:
        if language.startswith("en") and self.definition_en:
            return self.definition_en
        return self.definition
