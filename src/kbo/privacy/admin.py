"""Read-only admin pages: consents, erasures and the access log are records, never edited."""

from django.contrib import admin

from kbo.privacy.models import Consent, Erasure, PersonalDataAccess


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["producer", "purpose", "given", "recorded_at", "recorded_by"]
    list_filter = ["purpose", "given"]
    raw_id_fields = ["producer"]


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyAdmin):
    list_display = ["producer", "erased_at", "erased_by", "files_deleted", "accounts_unlinked"]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "model", "object_id", "request_id"]
    list_filter = ["kind", "model"]
