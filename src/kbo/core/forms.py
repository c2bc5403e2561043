"""Form helpers shared by the apps' views."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def show_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
