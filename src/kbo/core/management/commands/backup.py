from django.core.management.base import BaseCommand, CommandError

from kbo.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a backup of the database and the uploaded files to FILE (a .tar.gz with a "
        "manifest of row counts and checksums). Restore it with `kbo restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup, e.g. kbo-2569-11-21.tar.gz")

    def handle(self, *args, file, **options):
        try:
            manifest = backup(file, say=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"สำรองข้อมูลแล้ว / backup written: {file} ({manifest.engine}, "
                f"{len(manifest.tables)} tables, {rows:,} rows, {len(manifest.media)} files)"
            )
        )
