from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kbo.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from kbo.core import versions

        versions.connect()
