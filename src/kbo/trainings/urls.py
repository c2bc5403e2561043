from django.urls import path

from kbo.trainings import views

app_name = "trainings"
urlpatterns = [
    path("project/<int:pk>/", views.project_trainings, name="project_trainings"),
    path("project/<int:pk>/add/", views.training_add, name="training_add"),
    path("<int:pk>/", views.training_detail, name="training"),
    path("<int:pk>/edit/", views.training_edit, name="training_edit"),
    path("<int:pk>/sessions/add/", views.session_add, name="session_add"),
    path("<int:pk>/trainees/", views.trainees, name="trainees"),
    path("<int:pk>/certificates.pdf", views.certificates_pdf, name="certificates_pdf"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("sessions/<int:pk>/sheet.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("trainees/<int:pk>/remove/", views.trainee_remove, name="trainee_remove"),
]
