"""News of the KBO networks, published on the public showcase.

A news item belongs to a province (or to no province: national news). The public sees the
published items; the province's officers and national staff write and edit them
(`News.objects.for_user` is the managers' door, `News.objects.published()` the public one).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kbo.accounts import access
from kbo.geo.models import Province
from kbo.programmes.models import Activity, Project


def can_manage_news(user, province_id: int | None) -> bool:
    """Officers of the province and national staff; national news (no province): national
    staff only."""
    if province_id is None:
        return access.is_national(user)
    return access.can_manage_province(user, province_id)


def can_write_news(user) -> bool:
    """May the user write news at all (an officer somewhere, or national staff)?"""
    from kbo.accounts.models import Role

    return access.is_national(user) or bool(access.province_ids(user, roles=[Role.OFFICER]))


class NewsQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=News.Status.PUBLISHED)

    def for_user(self, user):
        """The news items the user manages: national staff all; officers their provinces'."""
        from kbo.accounts.models import Role

        if not user.is_authenticated:
            return self.none()
        if access.is_national(user):
            return self
        return self.filter(province_id__in=access.province_ids(user, roles=[Role.OFFICER]))


class News(models.Model):
    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        PUBLISHED = "PUBLISHED", _("Published")

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("province"),
        help_text=_("Leave empty for national news."),
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), help_text=_("Plain text; an empty line starts a paragraph."))
    photo = models.ImageField(_("photo"), upload_to="news/%Y/", blank=True)
    published_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("KBO project"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("project activity"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [
            models.Index(fields=["status", "-published_on"], name="news_status_date"),
            models.Index(fields=["province", "status"], name="news_province_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]

    @property
    def summary(self) -> str:
        """The first paragraph, cut to about 200 characters (for lists and meta tags)."""
        first = " ".join((self.paragraphs or [""])[0].split())
        return first if len(first) <= 200 else first[:197].rstrip() + "…"
