from django.urls import path

from kbo.programmes import urls_matching, urls_plans, views

app_name = "programmes"
urlpatterns = [
    path("", views.projects, name="projects"),
    path("add/", views.project_add, name="project_add"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/criteria/", views.criteria_edit, name="criteria"),
    path("<int:pk>/decide/<int:product_pk>/", views.decide, name="decide"),
    # Analyses, development plans, prototypes, targets (urls_plans.py) and expert matching
    # (urls_matching.py) live in the same namespace.
    *urls_plans.urlpatterns,
    *urls_matching.urlpatterns,
]
