from django.core.management.base import BaseCommand, CommandError

from kbo.core.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup made by "
        "`kbo backup`. The archive is checked completely before anything is replaced; "
        "the database is replaced in one transaction; every table is checked afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup written by `kbo backup`")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, file, interactive, **options):
        try:
            manifest = read_manifest(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if interactive:
            answer = input(
                f"กู้คืนจาก {file} (สร้างเมื่อ {manifest.created}) จะแทนที่ข้อมูลทั้งหมด "
                f"/ Restoring {file} (made {manifest.created}) replaces ALL data. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("ยกเลิก / cancelled")
        try:
            result = restore(file, say=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"กู้คืนแล้ว / restored: {result.tables} tables, {result.rows:,} rows, "
                f"{result.media} files; every table matches the backup's checksums"
            )
        )
