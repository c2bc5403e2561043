import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kbo.registry.importing import FileError, run_import


class Command(BaseCommand):
    help = (
        "Import the registry template (XLSX or CSV). Rows are matched by producer code and "
        "product code; bad rows are rejected with their row number, column and reason, good "
        "rows are imported in one transaction. --dry-run writes nothing. --json prints one "
        'JSON object: {"rows", "created", "updated", "unchanged", "rejected", "errors"}.'
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count; write nothing."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the result as one JSON object."
        )
        parser.add_argument(
            "--errors", metavar="XLSX", help="Write the rejected rows to this file."
        )

    def handle(self, *args, file, dry_run, json: bool, errors, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ / file not found: {file}")
        try:
            result = run_import(path.read_bytes(), path.name, dry_run=dry_run)
        except FileError as error:
            if json:
                self.stdout.write(
                    _dumps(
                        {
                            "rows": 0,
                            "created": 0,
                            "updated": 0,
                            "unchanged": 0,
                            "rejected": 0,
                            "errors": [{"row": 1, "column": "", "message": str(error)}],
                        }
                    )
                )
                raise SystemExit(1) from None
            raise CommandError(str(error)) from None
        if errors and result.rejected:
            Path(errors).write_bytes(result.error_file())
        if json:
            self.stdout.write(_dumps(result.as_json()))
            return
        self.stdout.write(
            f"{result.rows} rows: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.rejected} rejected"
            + (" (dry run: nothing written)" if dry_run else "")
        )
        for problem in result.errors[:200]:
            self.stdout.write(f"  row {problem.row}, {problem.column}: {problem.message}")
        if len(result.errors) > 200:
            self.stdout.write(f"  … {len(result.errors) - 200} more")


def _dumps(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False)
