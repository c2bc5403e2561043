from django.urls import path

from kbo.contests import views

app_name = "contests"

urlpatterns = [
    path("", views.contests, name="contests"),
    path("add/", views.contest_add, name="contest_add"),
    path("judging/", views.judge_home, name="judge_home"),
    path("<int:pk>/", views.contest_detail, name="contest"),
    path("<int:pk>/criteria/add/", views.criterion_add, name="criterion_add"),
    path("criteria/<int:pk>/edit/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    path("<int:pk>/panels/add/", views.panel_add, name="panel_add"),
    path("<int:pk>/entries/add/", views.entry_add, name="entry_add"),
    path("<int:pk>/judges/add/", views.judge_add, name="judge_add"),
    path("<int:pk>/stage/", views.stage, name="stage"),
    path("<int:pk>/board/", views.board, name="board"),
    path("<int:pk>/judging/", views.judge_entries, name="judge_entries"),
    path("entries/<int:pk>/score/", views.score, name="score"),
    path("entries/<int:pk>/declare/", views.declare, name="declare"),
    path("entries/<int:pk>/forward/", views.forward, name="forward"),
    path("<int:pk>/results/", views.results_view, name="results"),
    path("<int:pk>/export/results-pdf/", views.results_pdf, name="results_pdf"),
    path("<int:pk>/export/sheets-pdf/", views.sheets_pdf, name="sheets_pdf"),
    path("<int:pk>/export/results-xlsx/", views.results_xlsx, name="results_xlsx"),
]
