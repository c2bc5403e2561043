"""Filters shared by the API and the list pages."""

import django_filters
from django import forms

BIGINT_MAX = 2**63 - 1


class IntegerFilter(django_filters.NumberFilter):
    """A whole number within the database's range: `1.5`, `1e44` or `-3` for an id is a
    clear 400 ("enter a whole number", "at most ..."), never a server error."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value=0, max_value=BIGINT_MAX, **kwargs):
        kwargs.setdefault("min_value", min_value)
        kwargs.setdefault("max_value", max_value)
        super().__init__(*args, **kwargs)
