"""Optimistic locking: an edited record carries a `version`, the edit form sends back the
version it was opened at, and the save claims the row with

    UPDATE ... SET version = version + 1 WHERE pk = %s AND version = %s

inside the service's transaction. When no row matches, somebody saved since the form was
opened: `StaleEdit` says who and when, and the view shows the person's own values again with
the saved ones beside them. The claimed row stays locked until the transaction ends, so the
full `save()` that follows (which django-auditlog records with its actor) cannot interleave
with another writer.
"""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from kbo.core import thai


class VersionField(forms.IntegerField):
    """The version a form was opened at (hidden; empty: no check, as before versions)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class StaleEdit(Exception):
    """The record was saved by somebody else since the editor opened it."""

    def __init__(self, current: models.Model | None, *, by: Any = None) -> None:
        self.current = current
        self.changed_by: Any = None
        self.changed_at: datetime | None = None
        if current is not None:
            self.changed_by, self.changed_at = last_change(current)
        self.by = by
        super().__init__(self.message)

    @property
    def version(self) -> int | None:
        """The record's version now (what a deliberate second save must send)."""
        return getattr(self.current, "version", None)

    @property
    def message(self) -> str:
        if self.current is None:
            return _("This record was deleted since you opened it.")
        user = self.changed_by
        if user is None:
            name = _("another user")
        elif self.by is not None and user.pk == self.by.pk:
            name = _("you, in another tab or device")
        else:
            name = user.get_full_name() or user.get_username()
        return _(
            "This record was changed by {name} at {time} since you opened it. Nothing was "
            "saved: your values are still in the form, with the saved values beside them. "
            "Check them and save again."
        ).format(name=name, time=thai.format_datetime(self.changed_at) or "—")


def last_change(record: models.Model) -> tuple[Any, datetime | None]:
    """Who last changed the record and when: its newest audit entry, else its own fields."""
    from auditlog.models import LogEntry

    entry = (
        LogEntry.objects.get_for_object(record)
        .select_related("actor")
        .order_by("-timestamp", "-pk")
        .first()
    )
    actor = entry.actor if entry else None
    when = entry.timestamp if entry else None
    for name in ("decided_by", "judge"):
        if actor is None and getattr(record, f"{name}_id", None):
            actor = getattr(record, name)
    for name in ("updated_at", "decided_at"):
        if when is None:
            when = getattr(record, name, None)
    return actor, when


def claim(record: models.Model, version: int | None, *, by: Any = None) -> int:
    """Take the next version of `record`'s row if it is still `version`, inside the caller's
    transaction; raise StaleEdit otherwise. `version=None` (a client that sends none) takes
    the next version whatever it is: the save goes through as it did before versions. Sets
    `record.version` to the new version and returns it."""
    model = type(record)
    rows = model._base_manager.filter(pk=record.pk)
    if version is None:
        rows.update(version=F("version") + 1)
        found = rows.values_list("version", flat=True).first()
        if found is None:
            raise StaleEdit(None, by=by)
        record.version = found  # type: ignore[attr-defined]
        return found
    if not rows.filter(version=version).update(version=F("version") + 1):
        raise StaleEdit(rows.first(), by=by)
    record.version = version + 1  # type: ignore[attr-defined]
    return version + 1


def bump_all_of(model: type[models.Model], pks: list[int]) -> None:
    """Take the next version of many rows changed in bulk (an import), so an edit form
    opened before the change cannot write over it."""
    for start in range(0, len(pks), 5000):
        model._base_manager.filter(pk__in=pks[start : start + 5000]).update(
            version=F("version") + 1
        )


def shown(value: Any, record: models.Model | None = None, name: str = "") -> str:
    """A saved value as a person reads it (choices by their label, dates in Thai)."""
    if record is not None and name and hasattr(record, f"get_{name}_display"):
        value = getattr(record, f"get_{name}_display")()
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return thai.format_datetime(value)
    if isinstance(value, date):
        return thai.format_date(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def _same(theirs: Any, saved: Any) -> bool:
    empty: tuple[Any, ...] = (None, "", [])
    if theirs in empty and saved in empty:
        return True
    if isinstance(theirs, list | tuple) and isinstance(saved, list | tuple):
        return sorted(map(str, theirs)) == sorted(map(str, saved))
    return theirs == saved


def show_stale(
    form: forms.BaseForm, error: StaleEdit, saved: Mapping[str, Any] | None = None
) -> None:
    """Put a StaleEdit on a bound form: the message on top, under each field whose saved
    value differs from the person's the saved value, and the record's current version in
    the hidden field (saving again then replaces the record, knowingly).

    `saved` maps field names to the saved values; by default every form field that is an
    attribute of the current record."""
    form.add_error(None, error.message)
    current = error.current
    if saved is None:
        saved = {
            name: getattr(current, name)
            for name in form.fields
            if name != "version" and current is not None and hasattr(current, name)
        }
    cleaned = getattr(form, "cleaned_data", {})
    for name, value in saved.items():
        if name not in form.fields:
            continue
        theirs = cleaned.get(name, form.data.get(name))
        if _same(theirs, value):
            continue
        form.add_error(
            name, _("Saved meanwhile: {value}").format(value=shown(value, current, name))
        )
    if "version" in form.fields and error.version is not None:
        data = form.data.copy()  # type: ignore[attr-defined]
        data[form.add_prefix("version")] = str(error.version)
        form.data = data
