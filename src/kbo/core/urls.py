from django.urls import path

from kbo.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.health, name="health"),
    path("metrics", views.metrics, name="metrics"),
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="job_download"),
]
