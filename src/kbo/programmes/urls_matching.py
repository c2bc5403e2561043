"""URLs of the matching pages (namespace programmes, see urls.py)."""

from django.urls import URLPattern, path

from kbo.programmes import views_matching

urlpatterns: list[URLPattern] = [
    path("needs/<int:pk>/experts/", views_matching.need_experts, name="need_experts"),
    path("needs/<int:pk>/assign/", views_matching.need_assign, name="need_assign"),
]
