from django.contrib import admin

from kbo.trainings import models


class SessionInline(admin.TabularInline):
    model = models.Session
    extra = 0
    raw_id_fields = ["lecturer"]


@admin.register(models.Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "starts_on", "ends_on", "venue"]
    list_filter = ["project__fiscal_year", "project__province__region"]
    search_fields = ["title"]
    raw_id_fields = ["project"]
    inlines = [SessionInline]


@admin.register(models.Trainee)
class TraineeAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "organisation", "training"]
    list_filter = ["group"]
    search_fields = ["name", "organisation"]
    raw_id_fields = ["training", "producer", "product", "source"]


@admin.register(models.SessionAttendance)
class SessionAttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "trainee", "present", "recorded_by", "recorded_at"]
    list_filter = ["present"]
    raw_id_fields = ["session", "trainee", "recorded_by"]
