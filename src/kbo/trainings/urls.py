app_name = "trainings"
urlpatterns: list = []
