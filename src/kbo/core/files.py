"""Serving a stored, permission-checked file: the one response every download of a private
upload gives."""

import mimetypes
from pathlib import PurePath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def serve(file: FieldFile, *, inline: bool, filename: str = "") -> FileResponse:
    """`file` under `filename` (default: the stored file's own name), shown in the browser
    (`inline`, for images) or saved; 404 when nothing is stored. The type comes from the
    name, never sniffed, and the answer is not kept by shared caches (who may read it can
    change)."""
    if not file or not file.name or not file.storage.exists(file.name):
        raise Http404
    filename = filename or PurePath(file.name).name
    kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(
        file.open("rb"), content_type=kind, as_attachment=not inline, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response
