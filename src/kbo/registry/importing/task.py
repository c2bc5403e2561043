"""The registry import as a background task, with progress and an error file.

A file that cannot be imported (FileError) ends the job as failed with the file's message;
any other failure ends it as failed with a message saying nothing was written and the file
can be uploaded again (the import writes in one transaction and is idempotent). A worker
that dies mid-import leaves nothing written and the upload in place; the task runs again
(core/workers.py) and, if the rows had already been committed, only finishes the job."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django_tasks import task

from kbo.accounts import access
from kbo.accounts.models import Role, User
from kbo.core.services import job_finished, job_progress
from kbo.registry.importing.columns import msg
from kbo.registry.importing.engine import run_import
from kbo.registry.importing.reader import FileError

ERRORS_SHOWN = 500
COMMITTED = "committed"
logger = logging.getLogger(__name__)


class ImportFailed(RuntimeError):
    """The import stopped on an unexpected fault; nothing was written."""


def allowed_provinces(user) -> set[int] | None:
    """National staff import every province; officers only their own."""
    return None if access.is_national(user) else access.province_ids(user, roles=[Role.OFFICER])


@task()
def import_registry(
    *, job_id: str, path: str, filename: str, user_id: int, dry_run: bool = False
) -> None:
    if job_finished(job_id):
        return  # run again after its worker stopped: the job had already finished
    try:
        _import(job_id=job_id, path=path, filename=filename, user_id=user_id, dry_run=dry_run)
    except FileError:
        return  # the job is failed with the file's own message; a bad file is no fault


def _import(*, job_id: str, path: str, filename: str, user_id: int, dry_run: bool) -> None:
    with job_progress(job_id) as progress:
        if progress.job.data.get(COMMITTED):
            # A previous attempt wrote the rows and this record in one transaction, then its
            # worker stopped: the import is done; writing again would only report "unchanged".
            _delete(path)
            return
        try:
            with default_storage.open(path, "rb") as handle:
                data = handle.read()
            user = User.objects.get(pk=user_id)

            def report(done: int, total: int, message: str) -> None:
                if progress.job.total != total:
                    progress.total(total)
                progress.step(done, message)

            def committed(result) -> None:
                # Inside the transaction that writes the rows: the outcome commits with them.
                _record(progress, result, filename, dry_run)
                progress.job.data[COMMITTED] = True
                progress.job.save(update_fields=["data", "message", "result"])

            with _clear_failure(job_id):  # one transaction: a fault here leaves nothing written
                result = run_import(
                    data,
                    filename,
                    user=user,
                    allowed_provinces=allowed_provinces(user),
                    dry_run=dry_run,
                    progress=report,
                    on_write=committed,
                )
            if not progress.job.data.get(COMMITTED):
                _record(progress, result, filename, dry_run)
        finally:
            # The upload holds personal data: keep no copy. A worker killed mid-import never
            # gets here, so the attempt that runs after it still finds the file.
            _delete(path)


def _delete(path: str) -> None:
    if default_storage.exists(path):
        default_storage.delete(path)


def _record(progress, result, filename: str, dry_run: bool) -> None:
    counts = result.as_json()
    progress.job.data = {
        "dry_run": dry_run,
        "counts": {k: counts[k] for k in ("rows", "created", "updated", "unchanged", "rejected")},
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


@contextmanager
def _clear_failure(job_id: str) -> Iterator[None]:
    """Turn an unexpected fault into ImportFailed with a message a user can act on (the
    fault itself is logged with its traceback); FileError passes through as it is."""
    try:
        yield
    except FileError:
        raise
    except Exception as error:
        logger.exception("registry import %s failed", job_id)
        raise ImportFailed(
            msg(
                "การนำเข้าหยุดกลางทางเพราะระบบขัดข้อง ไม่มีข้อมูลใดถูกบันทึก อัปโหลดไฟล์เดิมอีกครั้งเพื่อลองใหม่",
                "the import stopped on a system fault and nothing was written: upload the "
                "same file again to retry",
            )
        ) from error
