"""Developing a selected product: the analysis made with its producer (SWOT and needs), the
development plan of items with their evidence, the prototypes in versions, and the
targets of the project against what was done.

A product is "in" a project when the committee's decision on it is SELECTED; everything
here hangs off that decision, so a product's plans of earlier years are its decisions in
earlier projects.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.network.models import KnowledgeSource
from kbo.programmes.models.project import Decision, Project, ProjectChildScoped


class DecisionChildScoped(access.ProvinceScopedQuerySet):
    province_field = "decision__project__province"


class NeedArea(models.TextChoices):
    """The areas the articles name for a product's needs (and a plan item's area)."""

    QUALITY = "QUALITY", _("Quality")
    STANDARDS = "STANDARDS", _("Standards and certificates")
    PACKAGING = "PACKAGING", _("Packaging")
    DESIGN = "DESIGN", _("Design and identity")
    PRICE = "PRICE", _("Price")
    USEFULNESS = "USEFULNESS", _("Usefulness")
    PRODUCTION = "PRODUCTION", _("Production")
    MARKETING = "MARKETING", _("Marketing")
    ONLINE = "ONLINE", _("Online sales")


# Which expertise areas (kbo.network.areas codes) serve a need of each area, best first.
NEED_AREA_EXPERTISE: dict[str, tuple[str, ...]] = {
    NeedArea.QUALITY: ("quality", "production", "food_safety"),
    NeedArea.STANDARDS: ("quality", "food_safety", "herbal_cosmetic"),
    NeedArea.PACKAGING: ("packaging", "branding"),
    NeedArea.DESIGN: ("design_identity", "branding", "textiles"),
    NeedArea.PRICE: ("pricing", "finance"),
    NeedArea.USEFULNESS: ("design_identity", "production"),
    NeedArea.PRODUCTION: ("production", "textiles", "quality"),
    NeedArea.MARKETING: ("marketing", "branding", "ecommerce"),
    NeedArea.ONLINE: ("ecommerce", "marketing"),
}


class Target(models.Model):
    """A target of the project (products to develop, participants by group) and its actual."""

    class Group(models.TextChoices):
        PRODUCTS = "PRODUCTS", _("Products developed")
        PRODUCERS = "PRODUCERS", _("Producers")
        COMMITTEE = "COMMITTEE", _("Committee members")
        OTHERS = "OTHERS", _("Others")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    target = models.PositiveIntegerField(_("target"), default=0)
    actual = models.PositiveIntegerField(
        _("actual"),
        null=True,
        blank=True,
        help_text=_("Leave empty to count it from the project's records."),
    )

    objects = ProjectChildScoped.as_manager()

    class Meta:
        ordering = ["project", "group"]
        verbose_name = _("project target")
        verbose_name_plural = _("project targets")
        constraints = [
            models.UniqueConstraint(fields=["project", "group"], name="target_once_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.target}"


class Analysis(models.Model):
    """The analysis of a selected product, made with its producer."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="analysis")
    analysed_on = models.DateField(_("analysed on"), null=True, blank=True)
    with_whom = models.CharField(
        _("analysed with"),
        max_length=300,
        blank=True,
        help_text=_("The producer's people and the committee members present."),
    )
    strengths = models.TextField(_("strengths"), blank=True)
    weaknesses = models.TextField(_("weaknesses"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)
    threats = models.TextField(_("threats"), blank=True)

    objects = DecisionChildScoped.as_manager()

    class Meta:
        verbose_name = _("product analysis")
        verbose_name_plural = _("product analyses")

    def __str__(self) -> str:
        return f"{self.decision.product}"


class Need(models.Model):
    """A need found in the analysis, in one area; the expert matched to it is assigned here."""

    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="needs")
    area = models.CharField(_("area"), max_length=12, choices=NeedArea.choices)
    description = models.TextField(_("what is needed"))
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    assigned_source = models.ForeignKey(
        KnowledgeSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_needs",
        verbose_name=_("assigned knowledge source"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)

    objects = DecisionChildScoped.as_manager()

    class Meta:
        ordering = ["decision", "priority", "id"]
        verbose_name = _("development need")
        verbose_name_plural = _("development needs")

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.description[:60]}"


class PlanItem(models.Model):
    """One item of a selected product's development plan."""

    class Status(models.TextChoices):
        PLANNED = "PLANNED", _("Planned")
        UNDERWAY = "UNDERWAY", _("Under way")
        DONE = "DONE", _("Done")
        DROPPED = "DROPPED", _("Dropped")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="plan_items")
    need = models.ForeignKey(
        Need,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("for the need"),
    )
    area = models.CharField(_("area"), max_length=12, choices=NeedArea.choices)
    action = models.TextField(_("action"))
    responsible = models.ForeignKey(
        KnowledgeSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name=_("responsible knowledge source or committee member"),
    )
    responsible_other = models.CharField(_("or responsible (other)"), max_length=200, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    budget = models.DecimalField(_("budget (baht)"), max_digits=12, decimal_places=2, default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    result = models.TextField(_("result"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = DecisionChildScoped.as_manager()

    class Meta:
        ordering = ["decision", "due_on", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.action[:60]}"


class PlanItemScoped(access.ProvinceScopedQuerySet):
    province_field = "item__decision__project__province"


class Evidence(models.Model):
    """A file or photo that shows a plan item was done."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file or photo"), upload_to="plans/%Y/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = PlanItemScoped.as_manager()

    class Meta:
        ordering = ["item", "uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.caption or str(self.file.name)

    @property
    def is_image(self) -> bool:
        return str(self.file.name).lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "webp"}


class Prototype(models.Model):
    """A prototype made for a selected product; its versions record how it changed."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="prototypes")
    name = models.CharField(_("prototype"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    objects = DecisionChildScoped.as_manager()

    class Meta:
        ordering = ["decision", "id"]
        verbose_name = _("prototype")
        verbose_name_plural = _("prototypes")

    def __str__(self) -> str:
        return self.name


class PrototypeScoped(access.ProvinceScopedQuerySet):
    province_field = "prototype__decision__project__province"


class PrototypeVersion(models.Model):
    prototype = models.ForeignKey(Prototype, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    made_on = models.DateField(_("made on"), null=True, blank=True)
    changes = models.TextField(_("what changed"), blank=True)
    before_photo = models.ImageField(_("before"), upload_to="prototypes/%Y/", blank=True)
    after_photo = models.ImageField(_("after"), upload_to="prototypes/%Y/", blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    objects = PrototypeScoped.as_manager()

    class Meta:
        ordering = ["prototype", "number"]
        verbose_name = _("prototype version")
        verbose_name_plural = _("prototype versions")
        constraints = [
            models.UniqueConstraint(fields=["prototype", "number"], name="prototype_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prototype} v{self.number}"
