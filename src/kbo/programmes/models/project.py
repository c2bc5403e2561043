"""The yearly KBO project of a province: activities, targets, the eligibility criteria for
products to develop, and the committee's decisions on each candidate."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.geo.models import District, Province
from kbo.registry.models import Category, ProducerType, Product, Segment


class ProjectChildScoped(access.ProvinceScopedQuerySet):
    province_field = "project__province"


class Project(models.Model):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="kbo_projects")
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (BE)"), validators=[MinValueValidator(2540), MaxValueValidator(2700)]
    )
    name = models.CharField(_("project name"), max_length=300)
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2, default=0)
    objectives = models.TextField(_("objectives"), blank=True)
    target_products = models.PositiveSmallIntegerField(
        _("products to develop (target)"),
        default=20,
        help_text=_("Selecting more needs an explicit confirmation."),
    )

    objects = access.ProvinceScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "province__code"]
        verbose_name = _("KBO project")
        verbose_name_plural = _("KBO projects")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "fiscal_year"], name="project_once_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"


class Activity(models.Model):
    class Kind(models.TextChoices):
        CAPACITY = "CAPACITY", _("Building the network's capacity")
        DEVELOPMENT = "DEVELOPMENT", _("Developing OTOP products through the network")
        CONTEST = "CONTEST", _("The contest and publicising results")

    class Status(models.TextChoices):
        PLANNED = "PLANNED", _("Planned")
        UNDERWAY = "UNDERWAY", _("Under way")
        DONE = "DONE", _("Done")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("activity"), max_length=20, choices=Kind.choices)
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2, default=0)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    objects = ProjectChildScoped.as_manager()

    class Meta:
        ordering = ["project", "kind"]
        verbose_name = _("project activity")
        verbose_name_plural = _("project activities")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="activity_once_per_kind")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Criteria(models.Model):
    """Which products of the province may be selected. A product qualifies when it passes
    every narrowing rule (registration years, producer types, categories, districts) AND
    meets at least one of the qualifying rules: its segment is listed, OR its stars are in
    the range, OR it is not rated and "not rated" is allowed (the articles' "group D or 1–3
    stars")."""

    class Continuity(models.TextChoices):
        IGNORE = "IGNORE", _("Make no difference")
        EXCLUDE = "EXCLUDE", _("Exclude products developed in the last years")
        PREFER = "PREFER", _("List products developed in the last years first")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="criteria")
    segments = models.JSONField(_("segments"), default=list, blank=True)
    stars_min = models.PositiveSmallIntegerField(_("stars from"), null=True, blank=True)
    stars_max = models.PositiveSmallIntegerField(_("stars up to"), null=True, blank=True)
    include_not_rated = models.BooleanField(_("not rated products qualify"), default=False)
    registered_from = models.PositiveSmallIntegerField(
        _("registered from (BE)"), null=True, blank=True
    )
    registered_to = models.PositiveSmallIntegerField(
        _("registered until (BE)"), null=True, blank=True
    )
    producer_types = models.JSONField(_("producer types"), default=list, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)
    districts = models.ManyToManyField(District, blank=True, verbose_name=_("districts"))
    continuity = models.CharField(
        _("products developed before"),
        max_length=10,
        choices=Continuity.choices,
        default=Continuity.IGNORE,
    )
    continuity_years = models.PositiveSmallIntegerField(_("within the last (years)"), default=3)

    objects = ProjectChildScoped.as_manager()

    class Meta:
        verbose_name = _("eligibility criteria")
        verbose_name_plural = _("eligibility criteria")

    def __str__(self) -> str:
        return f"{self.project}"

    @classmethod
    def defaults(cls) -> dict:
        """The articles' rule: group D or 1–3 stars."""
        return {"segments": [Segment.D.value], "stars_min": 1, "stars_max": 3}

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = (
            (set(self.segments) - set(Segment.values))
            | (set(self.categories) - set(Category.values))
            | (set(self.producer_types) - set(ProducerType.values))
        )
        if unknown:
            raise ValidationError(
                _("Unknown values: %(values)s") % {"values": ", ".join(sorted(unknown))}
            )
        if self.stars_min and self.stars_max and self.stars_min > self.stars_max:
            raise ValidationError(_("The star range is reversed."))


class Decision(models.Model):
    class Status(models.TextChoices):
        SELECTED = "SELECTED", _("Selected")
        RESERVE = "RESERVE", _("Reserve")
        NOT_SELECTED = "NOT_SELECTED", _("Not selected")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decisions")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="kbo_decisions")
    status = models.CharField(_("decision"), max_length=15, choices=Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = ProjectChildScoped.as_manager()

    class Meta:
        ordering = ["project", "status", "product__code"]
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "product"], name="decision_once_per_product"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} · {self.get_status_display()}"
