"""Import pages: the template download and the upload that starts a background import."""

import io
import uuid
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from kbo.accounts import access
from kbo.accounts.models import Role
from kbo.core.services import job_start
from kbo.core.uploads import validate_import
from kbo.registry.importing.columns import COLUMNS
from kbo.registry.importing.task import import_registry


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Registry file (.xlsx or .csv)"),
        help_text=gettext_lazy("Use the template's columns; Thai or English headers."),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only (dry run): show what would change, write nothing"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_import(upload)  # size, type by content, spreadsheet bombs (core/uploads.py)
        return upload


@login_required
@access.require_role(Role.OFFICER)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = default_storage.save(
            f"imports/{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}", upload
        )
        dry_run = form.cleaned_data["dry_run"]
        title = (_("Check of %(file)s") if dry_run else _("Import of %(file)s")) % {
            "file": upload.name
        }
        job = job_start(
            user=request.user,
            kind="registry.import",
            title=title,
            task=import_registry,
            path=path,
            filename=upload.name,
            user_id=request.user.pk,
            dry_run=dry_run,
        )
        return redirect("core:job", pk=job.pk)
    return render(request, "registry/import.html", {"form": form, "columns": COLUMNS})


@login_required
@access.require_role(Role.OFFICER)
def template(request):
    """The import template: Thai headers on row 1, and a sheet that explains each column."""
    book = Workbook()
    sheet = book.active
    sheet.title = "ทะเบียน OTOP"
    sheet.append([column.thai for column in COLUMNS])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="F1E8F4")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = max(
            14, len(column.thai) + 4
        )
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("คำอธิบาย")
    guide.append(
        ["หัวคอลัมน์ (ไทย)", "column (English)", "จำเป็น / required", "คำอธิบาย", "description"]
    )
    for cell in guide[1]:
        cell.font, cell.fill = bold, fill
    for column in COLUMNS:
        guide.append(
            [
                column.thai,
                column.name,
                "✔" if column.required else "",
                column.help_th,
                column.help_en,
            ]
        )
    for letter, width in zip("ABCDE", (30, 20, 16, 60, 60), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="kbo-registry-template.xlsx"'
    return response
