"""URLs of the plans pages (namespace programmes, see urls.py)."""

from django.urls import URLPattern, path

from kbo.programmes import views_plans as views

urlpatterns: list[URLPattern] = [
    path("participants/<int:pk>/", views.participant, name="participant"),
    path("participants/<int:pk>/analysis/", views.analysis_edit, name="analysis"),
    path("participants/<int:pk>/needs/add/", views.need_add, name="need_add"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/delete/", views.need_delete, name="need_delete"),
    path("participants/<int:pk>/plan/add/", views.plan_item_add, name="plan_item_add"),
    path("plan-items/<int:pk>/edit/", views.plan_item_edit, name="plan_item_edit"),
    path("plan-items/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("participants/<int:pk>/prototypes/add/", views.prototype_add, name="prototype_add"),
    path(
        "prototypes/<int:pk>/versions/add/",
        views.prototype_version_add,
        name="prototype_version_add",
    ),
    path(
        "prototype-versions/<int:pk>/<str:which>/",
        views.prototype_photo,
        name="prototype_photo",
    ),
    path("<int:pk>/targets/", views.targets, name="targets"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
]
