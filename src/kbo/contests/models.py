"""Contests: a province choosing its representative product, and the national contest of the
provinces' representatives (regional rounds, then a final).

A contest has panels (one for a provincial contest; one per regional round plus the final for
the national one). Entries sit in a panel and are scored by the judges assigned to it on the
contest's rubric (criteria copied from an editable template and frozen once scoring opens).
Each judge fills one score sheet per entry; nobody sees another judge's scores before the
contest closes.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.geo.models import Province, Region
from kbo.network.models import KnowledgeSource, Network
from kbo.programmes.models import Decision
from kbo.registry.models import Product


class RubricTemplate(models.Model):
    """An editable set of weighted criteria that contests copy their rubric from."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default template"), default=False)

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("rubric template")
        verbose_name_plural = _("rubric templates")

    def __str__(self) -> str:
        return self.name


class CriterionFields(models.Model):
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what the judges look for"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("How much the criterion counts in the weighted total."),
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=10, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class TemplateCriterion(CriterionFields):
    template = models.ForeignKey(RubricTemplate, on_delete=models.CASCADE, related_name="criteria")

    class Meta:
        ordering = ["template", "order", "id"]
        verbose_name = _("template criterion")
        verbose_name_plural = _("template criteria")


class ContestQuerySet(models.QuerySet):
    def for_user(self, user):
        """National staff see every contest; officers and committee members the contests of
        their provinces and those their provinces have entries in; judges the contests they
        judge; everyone the published ones."""
        published = models.Q(status=Contest.Status.PUBLISHED)
        if not user.is_authenticated:
            return self.filter(published)
        if access.is_national(user):
            return self
        provinces = access.province_ids(user, roles=[Role.OFFICER, Role.COMMITTEE])
        mine = (
            published
            | models.Q(province_id__in=provinces)
            | models.Q(pk__in=Entry.objects.filter(province_id__in=provinces).values("contest"))
            | models.Q(pk__in=JudgeAssignment.objects.filter(judge=user).values("contest"))
        )
        return self.filter(mine)


def can_organise(user, contest: "Contest") -> bool:
    """A provincial contest is run by its province's officers, the others by national staff."""
    if access.is_national(user):
        return True
    return contest.province_id is not None and access.can_manage_province(user, contest.province_id)


class Contest(models.Model):
    class Kind(models.TextChoices):
        PROVINCIAL = "PROVINCIAL", _("Provincial product contest")
        NATIONAL = "NATIONAL", _("National contest of provincial representatives")
        OTHER = "OTHER", _("Other contest")

    class Level(models.TextChoices):
        PROVINCE = "PROVINCE", _("Province")
        REGION = "REGION", _("Region")
        NATION = "NATION", _("Nation")

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Preparing")
        OPEN = "OPEN", _("Scoring open")
        CLOSED = "CLOSED", _("Closed")
        PUBLISHED = "PUBLISHED", _("Results published")

    class Normalisation(models.TextChoices):
        NONE = "NONE", _("Raw scores")
        ZSCORE = "ZSCORE", _("Per-judge z-scores rescaled to the rubric's range")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    name = models.CharField(_("name"), max_length=300)
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (BE)"), validators=[MinValueValidator(2540), MaxValueValidator(2700)]
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contests",
        verbose_name=_("province"),
        help_text=_("For a provincial contest: the province that runs it."),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    normalisation = models.CharField(
        _("results from"), max_length=10, choices=Normalisation.choices, default=Normalisation.NONE
    )
    rubric_template = models.ForeignKey(
        RubricTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rubric copied from"),
    )
    opened_at = models.DateTimeField(_("scoring opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ContestQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "name"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="PROVINCIAL") | models.Q(province__isnull=False),
                name="provincial_contest_has_province",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.fiscal_year})"

    @property
    def rubric_frozen(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def scores_visible(self) -> bool:
        """Scores of other judges and results are seen only once the contest has closed."""
        return self.status in (self.Status.CLOSED, self.Status.PUBLISHED)


class Panel(models.Model):
    """A group of judges scoring a set of entries and ranking them: a regional round, the
    final, or the single panel of a provincial contest."""

    class Stage(models.TextChoices):
        SINGLE = "SINGLE", _("Single round")
        ROUND = "ROUND", _("Regional round")
        FINAL = "FINAL", _("Final")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="panels")
    name = models.CharField(_("panel"), max_length=200)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("regions judged")
    )
    advance = models.PositiveSmallIntegerField(
        _("entries going to the final"),
        default=0,
        help_text=_("For a regional round: how many of its best go on to the final."),
    )

    class Meta:
        ordering = ["contest", "stage", "name"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        constraints = [
            models.UniqueConstraint(fields=["contest", "name"], name="panel_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(CriterionFields):
    """One criterion of a contest's rubric (frozen once scoring opens)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="criteria")

    class Meta:
        ordering = ["contest", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")


class Entry(models.Model):
    """A product (or a provincial network) entered in a panel; `number` is what judges see."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveSmallIntegerField(_("entry no."))
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contest_entries",
        verbose_name=_("product"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contest_entries",
        verbose_name=_("provincial network"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contest_entries",
        verbose_name=_("from the project cohort"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    forwarded_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_to",
        verbose_name=_("forwarded from"),
    )
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        ordering = ["contest", "panel", "number"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(fields=["contest", "number"], name="entry_number_once"),
            models.CheckConstraint(
                condition=models.Q(product__isnull=False) | models.Q(network__isnull=False),
                name="entry_is_a_product_or_network",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class JudgeAssignment(models.Model):
    """A judge of a contest, on one panel (or every panel when `panel` is empty)."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="judges")
    panel = models.ForeignKey(
        Panel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="judges",
        verbose_name=_("panel"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="judging",
        verbose_name=_("judge"),
    )
    source = models.ForeignKey(
        KnowledgeSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="judging",
        verbose_name=_("the judge's knowledge-source record"),
        help_text=_("Links the judge to the network's records, to find conflicts of interest."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["contest", "panel", "judge__username"]
        verbose_name = _("judge assignment")
        verbose_name_plural = _("judge assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "panel", "judge"], name="judge_once_per_panel"
            ),
        ]

    def __str__(self) -> str:
        return str(self.judge)


class ConflictDeclaration(models.Model):
    """A conflict of interest a judge declares on an entry (detected ones are computed)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="declarations")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declared_conflicts"
    )
    reason = models.TextField(_("reason"))
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        ordering = ["entry", "judge"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="conflict_declared_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.entry}"


class ScoreSheet(models.Model):
    """One judge's scoring of one entry; `submitted_at` set when the judge finishes it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sheets")
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="score_sheets"
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["entry", "judge"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["entry", "judge"], name="sheet_once_per_judge"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} · {self.entry}"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ["sheet", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
