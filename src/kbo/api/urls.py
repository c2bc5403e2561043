"""/api/v1/: each app's api.py registers its routes on this one router."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView, DefaultRouter

from kbo.accounts import api as accounts_api
from kbo.accounts.login import TokenView
from kbo.contests import api as contests_api
from kbo.geo import api as geo_api
from kbo.knowledge import api as knowledge_api
from kbo.network import api as network_api
from kbo.outcomes import api as outcomes_api
from kbo.programmes import api as programmes_api
from kbo.registry import api as registry_api


class RootView(APIRootView):
    """The list of endpoints is public; each endpoint decides who may read it."""

    permission_classes = [AllowAny]


class Router(DefaultRouter):
    include_format_suffixes = False
    APIRootView = RootView


router = Router()
geo_api.register(router)
accounts_api.register(router)
registry_api.register(router)
network_api.register(router)
programmes_api.register(router)
contests_api.register(router)
outcomes_api.register(router)
knowledge_api.register(router)

app_name = "api"
urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("me/", accounts_api.me, name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
