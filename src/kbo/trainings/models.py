"""Trainings of a yearly project: a course over some days, its sessions (topic and
lecturer), the people trained (producers, committee members, others) and who attended
each session. Attendance sheets and certificates of attendance print from these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.network.models import KnowledgeSource
from kbo.programmes.models import Project
from kbo.registry.models import Producer, Product


class TrainingScoped(access.ProvinceScopedQuerySet):
    province_field = "project__province"


class TrainingChildScoped(access.ProvinceScopedQuerySet):
    province_field = "training__project__province"


class Training(models.Model):
    """A course, e.g. five days of workshops for the selected producers."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField(_("course"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    organiser = models.CharField(_("organised by"), max_length=200, blank=True)

    objects = TrainingScoped.as_manager()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="training_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The course ends before it starts.")})

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


class Session(models.Model):
    """One session of a course day: a topic and its lecturer (a knowledge source of the
    network, or someone from outside such as a company)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    topic = models.CharField(_("topic"), max_length=300)
    lecturer = models.ForeignKey(
        KnowledgeSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("lecturer (knowledge source)"),
    )
    lecturer_other = models.CharField(
        _("or lecturer from outside"),
        max_length=300,
        blank=True,
        help_text=_("Name and organisation, e.g. a company."),
    )

    objects = TrainingChildScoped.as_manager()

    class Meta:
        ordering = ["training", "day", "starts_at", "id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return self.topic

    def clean(self) -> None:
        training = getattr(self, "training", None)
        if training and self.day and not (training.starts_on <= self.day <= training.ends_on):
            raise ValidationError({"day": _("The day is outside the course's dates.")})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session ends before it starts.")})

    @property
    def lecturer_name(self) -> str:
        return str(self.lecturer) if self.lecturer else self.lecturer_other


class Trainee(models.Model):
    """A person trained: a producer's representative, a committee member, or someone else."""

    class Group(models.TextChoices):
        PRODUCER = "PRODUCER", _("Producer")
        COMMITTEE = "COMMITTEE", _("Committee member")
        OTHER = "OTHER", _("Other")

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="trainees")
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    producer = models.ForeignKey(
        Producer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainees",
        verbose_name=_("producer"),
    )
    product = models.ForeignKey(
        Product,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    source = models.ForeignKey(
        KnowledgeSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings_attended",
        verbose_name=_("committee member"),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    objects = TrainingChildScoped.as_manager()

    class Meta:
        ordering = ["training", "group", "name", "id"]
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        constraints = [
            models.UniqueConstraint(fields=["training", "name"], name="trainee_once_per_training"),
        ]

    def __str__(self) -> str:
        return self.name


class SessionScoped(access.ProvinceScopedQuerySet):
    province_field = "session__training__project__province"


class SessionAttendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    objects = SessionScoped.as_manager()

    class Meta:
        ordering = ["session", "trainee"]
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "trainee"], name="session_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} · {self.session}"
