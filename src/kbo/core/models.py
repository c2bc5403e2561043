"""Background jobs as the user sees them: one progress record per long piece of work."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

COUNT_LABELS = {
    "rows": _("Rows"),
    "created": _("Created"),
    "updated": _("Updated"),
    "unchanged": _("Unchanged"),
    "rejected": _("Rejected"),
}


class JobQuerySet(models.QuerySet):
    def for_user(self, user):
        """A job belongs to the person who started it; nobody else sees it."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    result = models.FileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True)
    data = models.JSONField(
        _("result"),
        default=dict,
        blank=True,
        help_text=_(
            "What the job reports: {'counts': {label: n}, 'errors': [{row, column, message}]}"
        ),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__isnull=True) | models.Q(done__lte=models.F("total")),
                name="job_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """The job's reported counts as (key, label, number), in a stable order."""
        reported = self.data.get("counts", {}) if isinstance(self.data, dict) else {}
        return [(key, str(COUNT_LABELS.get(key, key)), value) for key, value in reported.items()]

    @property
    def percent(self) -> int | None:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return None
        return min(100, int(self.done * 100 / self.total))


class DataVersion(models.Model):
    """A counter per area of data ("registry", "programmes"…), bumped after every committed
    change to it; cached figures are keyed by it (see `kbo.core.versions`)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    version = models.BigIntegerField(_("version"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class WorkerBeat(models.Model):
    """A task worker's heartbeat: a task still marked running on a worker that has stopped
    beating is queued again (see `kbo.core.workers`)."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=200, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    objects: models.Manager["WorkerBeat"] = models.Manager()

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self) -> str:
        return self.worker_id
