"""Bulk import of the registry template (XLSX or CSV): see docs/import.md."""

from kbo.registry.importing.engine import ImportResult, RowError, run_import
from kbo.registry.importing.reader import FileError

__all__ = ["FileError", "ImportResult", "RowError", "run_import"]
