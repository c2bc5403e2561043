from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kbo.api"
    label = "api"
    verbose_name = "API"
