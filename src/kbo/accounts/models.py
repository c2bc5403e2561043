"""Users, their roles in provinces, and the rules of who may see what."""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from kbo.geo.models import Province


class UserQuerySet(models.QuerySet):
    def for_user(self, viewer):
        """National staff see everyone; officers, their provinces' people; others, themselves."""
        from kbo.accounts import access

        if not viewer.is_authenticated:
            return self.none()
        if access.is_national(viewer):
            return self
        officer_of = access.province_ids(viewer, roles=[Role.OFFICER])
        return self.filter(
            models.Q(pk=viewer.pk) | models.Q(memberships__province_id__in=officer_of)
        ).distinct()


class KboUserManager(UserManager["User"]):
    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def for_user(self, viewer) -> UserQuerySet:
        return self.get_queryset().for_user(viewer)


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships."""

    objects: ClassVar[KboUserManager] = KboUserManager()

    phone = models.CharField(_("phone"), max_length=20, blank=True)
    thai_digits = models.BooleanField(
        _("show Thai digits"),
        default=False,
        help_text=_("Show numbers and dates with Thai digits (๑๒๓) instead of Arabic digits."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    OFFICER = "officer", _("Provincial officer")
    COMMITTEE = "committee", _("Committee member")
    JUDGE = "judge", _("Judge")
    PRODUCER = "producer", _("Producer")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_user(self, user):
        """National staff see all; officers see their provinces' people; others, themselves."""
        from kbo.accounts import access

        if not user.is_authenticated:
            return self.none()
        if access.is_national(user):
            return self
        officer_of = access.province_ids(user, roles=[Role.OFFICER])
        return self.filter(models.Q(province_id__in=officer_of) | models.Q(user=user))


class Membership(models.Model):
    """A user's role in one province (or nationally, for national administrators)."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("province"),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["province__code", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "province"], name="membership_unique_user_role_province"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(province__isnull=True),
                name="membership_unique_national_role",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="national_admin", province__isnull=True)
                    | (~models.Q(role="national_admin") & models.Q(province__isnull=False))
                ),
                name="membership_province_matches_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.province.name if self.province else _("national")
        return f"{self.user} · {self.get_role_display()} · {where}"
