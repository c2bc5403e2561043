from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "kbo.privacy"
    label = "privacy"
    verbose_name = _("Personal data protection")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.privacy import models

        auditlog.register(models.Consent)
        auditlog.register(models.Erasure)
