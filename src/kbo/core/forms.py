"""Form helpers shared by the apps' views."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import BaseForm


def show_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def by_code(label: Any, queryset: QuerySet, everything: Any) -> forms.ModelChoiceField:
    """An optional filter on a record chosen by its code in the address (`?province=50`), with
    `everything` ("All provinces") as the empty choice."""
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, to_field_name="code", empty_label=everything
    )


def one_of(label: Any, choices: Iterable[tuple[str, Any]], everything: Any) -> forms.ChoiceField:
    """An optional filter on one of `choices`, with `everything` ("All kinds") first."""
    return forms.ChoiceField(label=label, required=False, choices=[("", everything), *choices])
