from django.urls import path

from kbo.showcase import views

app_name = "showcase"

urlpatterns = [
    path("", views.index, name="index"),
    path("products/", views.products, name="products"),
    path("products/<str:code>/", views.product, name="product"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("provinces/<str:code>/", views.province, name="province"),
    path("contests/", views.contests, name="contests"),
    path("contests/<int:pk>/", views.contest, name="contest"),
    path("news/", views.news_list, name="news"),
    path("news/add/", views.news_add, name="news_add"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/photo/", views.news_photo, name="news_photo"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("knowledge/", views.knowledge, name="knowledge"),
    path("knowledge/<int:pk>/", views.knowledge_item, name="knowledge_item"),
    path("knowledge/files/<int:pk>/", views.knowledge_file, name="knowledge_file"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
