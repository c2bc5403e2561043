"""The platform's URLs plus one that the permission matrix does not list."""

from django.http import HttpResponse
from django.urls import include, path

from kbo.urls import urlpatterns as platform

urlpatterns = [
    *platform,
    path(
        "extra/", include(([path("x/", lambda request: HttpResponse(), name="unlisted")], "extra"))
    ),
]
