from django.urls import path

from kbo.showcase import open_data

app_name = "open_data"

urlpatterns = [
    path("", open_data.index, name="index"),
    path("<slug:name>.<slug:fmt>", open_data.dataset, name="dataset"),
]
