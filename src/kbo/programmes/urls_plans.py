"""URLs of the plans pages (namespace programmes, see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
