from django.urls import path

from kbo.geo import views

app_name = "geo"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
    path("province/<str:code>/", views.province_detail, name="province"),
    path("district/<str:code>/", views.district_detail, name="district"),
]
