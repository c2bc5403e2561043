from django.urls import path

from kbo.registry import views, views_import

app_name = "registry"
urlpatterns = [
    # Import (views_import.py)
    path("import/", views_import.upload, name="import"),
    path("import/template.xlsx", views_import.template, name="import_template"),
    # Lists, forms and the product passport (views.py)
    path("products/", views.products, name="products"),
    path("products/<int:pk>/", views.product_detail, name="product"),
    path("products/<int:pk>/edit/", views.product_edit, name="product_edit"),
    path("products/<int:pk>/stars/add/", views.product_stars_add, name="product_stars_add"),
    path("products/<int:pk>/segments/add/", views.product_segment_add, name="product_segment_add"),
    path(
        "products/<int:pk>/certificates/add/",
        views.product_certificate_add,
        name="product_certificate_add",
    ),
    path("products/<int:pk>/sales/add/", views.product_sale_add, name="product_sale_add"),
    path("producers/", views.producers, name="producers"),
    path("producers/add/", views.producer_add, name="producer_add"),
    path("producers/<int:pk>/", views.producer_detail, name="producer"),
    path("producers/<int:pk>/edit/", views.producer_edit, name="producer_edit"),
    path("producers/<int:pk>/products/add/", views.product_add, name="product_add"),
    path("subdistricts/", views.subdistrict_options, name="subdistrict_options"),
]
