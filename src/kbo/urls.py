from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("KBO Platform administration")
admin.site.site_title = _("KBO Platform")
# One sign-in page for the whole platform (and one place to throttle it).
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]

handler404 = "kbo.core.views.not_found"
handler500 = "kbo.core.views.server_error"

urlpatterns = [
    path("", include("kbo.core.urls")),
    path("geo/", include("kbo.geo.urls")),
    path("accounts/", include("kbo.accounts.urls")),
    path("registry/", include("kbo.registry.urls")),
    path("projects/", include("kbo.programmes.urls")),
    path("network/", include("kbo.network.urls")),
    path("trainings/", include("kbo.trainings.urls")),
    path("contests/", include("kbo.contests.urls")),
    path("outcomes/", include("kbo.outcomes.urls")),
    path("dashboards/", include("kbo.dashboards.urls")),
    path("reports/", include("kbo.reports.urls")),
    path("knowledge/", include("kbo.knowledge.urls")),
    path("showcase/", include("kbo.showcase.urls")),
    path("open-data/", include("kbo.showcase.urls_open_data")),
    path("privacy/", include("kbo.privacy.urls")),
    path("api/v1/", include("kbo.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
