from django.urls import path

from kbo.network import sources, views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("member/<int:pk>/", views.member, name="member"),
    path("sources/", sources.sources, name="sources"),
    path("sources/add/", sources.source_add, name="source_add"),
    path("sources/<int:pk>/edit/", sources.source_edit, name="source_edit"),
    path("terms/<int:pk>/seats/add/", views.seat_add, name="seat_add"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<str:code>/", views.network_detail, name="network"),
    path("<str:code>/edit/", views.network_edit, name="network_edit"),
    path("<str:code>/terms/add/", views.term_add, name="term_add"),
    path("<str:code>/meetings/", views.meetings, name="meetings"),
    path("<str:code>/meetings/add/", views.meeting_add, name="meeting_add"),
]
