from django.urls import path

from kbo.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("products/<int:pk>/sales/", views.product_sales, name="product_sales"),
    path("kpis/", views.kpis, name="kpis"),
    path("kpis/<int:pk>/edit/", views.kpi_edit, name="kpi_edit"),
]
