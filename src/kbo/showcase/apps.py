from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    name = "kbo.showcase"
    label = "showcase"
    verbose_name = _("Public showcase and open data")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from kbo.showcase import models

        auditlog.register(models.News)
