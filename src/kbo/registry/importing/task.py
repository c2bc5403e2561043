"""The registry import as a background task, with progress and an error file."""

from django.core.files.storage import default_storage
from django_tasks import task

from kbo.accounts import access
from kbo.accounts.models import Role, User
from kbo.core.services import job_progress
from kbo.registry.importing.columns import msg
from kbo.registry.importing.engine import run_import

ERRORS_SHOWN = 500


def allowed_provinces(user) -> set[int] | None:
    """National staff import every province; officers only their own."""
    return None if access.is_national(user) else access.province_ids(user, roles=[Role.OFFICER])


@task()
def import_registry(
    *, job_id: str, path: str, filename: str, user_id: int, dry_run: bool = False
) -> None:
    with job_progress(job_id) as progress:
        try:
            with default_storage.open(path, "rb") as handle:
                data = handle.read()
        finally:
            default_storage.delete(path)  # the upload holds personal data: keep no copy
        user = User.objects.get(pk=user_id)

        def report(done: int, total: int, message: str) -> None:
            if progress.job.total != total:
                progress.total(total)
            progress.step(done, message)

        result = run_import(
            data,
            filename,
            user=user,
            allowed_provinces=allowed_provinces(user),
            dry_run=dry_run,
            progress=report,
        )
        counts = result.as_json()
        progress.job.data = {
            "dry_run": dry_run,
            "counts": {
                k: counts[k] for k in ("rows", "created", "updated", "unchanged", "rejected")
            },
            "errors": counts["errors"][:ERRORS_SHOWN],
            "errors_total": len(counts["errors"]),
        }
        progress.job.message = (
            msg("ตรวจสอบแล้ว ยังไม่ได้บันทึก", "checked; nothing written")
            if dry_run
            else msg("นำเข้าเสร็จแล้ว", "import finished")
        )
        if result.rejected:
            progress.attach(f"rejected-rows-{filename.rsplit('.', 1)[0]}.xlsx", result.error_file())
