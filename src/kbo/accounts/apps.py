from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kbo.accounts"
    label = "accounts"
    verbose_name = _("Accounts and access")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.accounts import models

        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        auditlog.register(models.Membership, exclude_fields=["created_at"])
