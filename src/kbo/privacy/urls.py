from django.urls import path

from kbo.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.inventory_page, name="inventory"),
    path("producers/<int:pk>/", views.producer_page, name="producer"),
    path("producers/<int:pk>/consent/", views.consent_record, name="consent_record"),
    path("producers/<int:pk>/export/", views.producer_export, name="export"),
    path("producers/<int:pk>/erase/", views.producer_erase, name="erase"),
    path("access-log/", views.access_log, name="access_log"),
]
