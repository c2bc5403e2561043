from django.urls import path

from kbo.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("provinces/<str:code>/", views.province, name="province"),
]
