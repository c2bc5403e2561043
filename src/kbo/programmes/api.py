"""Yearly project endpoints: /api/v1/projects/ (and its candidates and participants),
/api/v1/plans/ and /api/v1/trainings/."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    pass
