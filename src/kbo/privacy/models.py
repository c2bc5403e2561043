"""Personal data (PDPA): producers' consents, the log of reads of personal data, erasures.

Consents are a history: recording or withdrawing one adds a row, the latest row of a purpose
is its state. Access-log and erasure rows are never changed or deleted by the platform.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kbo.geo.models import Province
from kbo.registry.models import Producer, ScopedQuerySet


class Purpose(models.TextChoices):
    RECORD_KEEPING = "RECORD_KEEPING", _("Keeping the registry record")
    PUBLICATION = "PUBLICATION", _("Publishing contact details in the public showcase")
    EXPERT_CONTACT = "EXPERT_CONTACT", _("Being contacted by experts and knowledge sources")
    CASE_STUDY = "CASE_STUDY", _("Publishing a case study of their product (sales and results)")


class ProducerChildQuerySet(ScopedQuerySet):
    province_field = "producer__province"
    producer_field = "producer_id"


class Consent(models.Model):
    """A producer's consent to one purpose, given or withdrawn, as an officer recorded it."""

    producer = models.ForeignKey(
        Producer, on_delete=models.CASCADE, related_name="consents", verbose_name=_("producer")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given = models.BooleanField(_("consent given"))
    recorded_at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("e.g. signed form no. 12/2568, kept at the provincial office"),
    )

    objects = ProducerChildQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [
            models.Index(fields=["producer", "purpose", "-recorded_at"], name="consent_latest")
        ]

    def __str__(self) -> str:
        state = _("given") if self.given else _("withdrawn")
        return f"{self.get_purpose_display()}: {state}"


class AccessKind(models.TextChoices):
    VIEW = "VIEW", _("page")
    EXPORT = "EXPORT", _("export")
    API = "API", _("API")
    REQUEST = "REQUEST", _("data subject request")
    ERASURE = "ERASURE", _("erasure")


class PersonalDataAccess(models.Model):
    """One read of personal data in clear: one row per request, however many fields."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    model = models.CharField(_("kind of record"), max_length=50)
    object_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    province = models.ForeignKey(
        Province, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fields = models.JSONField(_("fields"), default=list)
    kind = models.CharField(_("purpose"), max_length=10, choices=AccessKind.choices)
    path = models.CharField(_("address"), max_length=300, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [models.Index(fields=["model", "object_id"], name="pda_record")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.model} {self.object_id or ''}"


class Erasure(models.Model):
    """A producer's personal data erased on request: who, when, why, and what was done."""

    producer = models.ForeignKey(
        Producer, on_delete=models.PROTECT, related_name="erasures", verbose_name=_("producer")
    )
    erased_at = models.DateTimeField(_("when"), default=timezone.now)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("erased by"),
    )
    reason = models.TextField(_("reason"))
    fields = models.JSONField(_("fields erased"), default=list)
    files_deleted = models.PositiveIntegerField(_("files deleted"), default=0)
    accounts_unlinked = models.PositiveIntegerField(_("accounts unlinked"), default=0)
    trainees_erased = models.PositiveIntegerField(_("trainee records erased"), default=0)

    objects = ProducerChildQuerySet.as_manager()

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        constraints = [
            models.UniqueConstraint(fields=["producer"], name="erasure_once_per_producer")
        ]

    def __str__(self) -> str:
        return f"{self.producer.code} · {self.erased_at:%Y-%m-%d}"
