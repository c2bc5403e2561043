"""Validators for registry data: Thai citizen / juristic IDs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def id13_is_valid(value: str) -> bool:
    """A 13-digit Thai citizen or juristic ID with a correct mod-11 check digit."""
    if len(value) != 13 or not value.isdigit():
        return False
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(value[:12]))
    return (11 - total % 11) % 10 == int(value[12])


def validate_id13(value: str) -> None:
    if not id13_is_valid(value):
        raise ValidationError(
            _("A citizen or juristic ID has 13 digits with a valid check digit."), code="id13"
        )
