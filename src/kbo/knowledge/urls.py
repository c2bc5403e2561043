from django.urls import path

from kbo.knowledge import views, views_links

app_name = "knowledge"

# The library itself (views.py): lists, search, items, files, history.
urlpatterns = [
    path("", views.index, name="index"),
    path("add/", views.add, name="add"),
    path("<int:pk>/", views.item, name="item"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/files/add/", views.attachment_add, name="attachment_add"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("files/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
]

# Links from other pages (views_links.py): case studies from a product, related knowledge.
urlpatterns += [
    path(
        "case-studies/draft/<int:product>/", views_links.case_study_draft, name="case_study_draft"
    ),
]
