"""How the official reports write values (kbo.reports.wording), for the PDF templates."""

from django import template

from kbo.reports import wording

register = template.Library()


@register.filter
def r_baht(value):
    return wording.baht(value)


@register.filter
def r_baht_words(value):
    return wording.baht_in_words(value)


@register.filter
def r_number(value, places=0):
    return wording.number(value, int(places))


@register.filter
def r_date(value):
    return wording.date(value)


@register.simple_tag
def r_period(start, end):
    return wording.period(start, end)


@register.simple_tag
def r_kpi(value, unit):
    return wording.kpi_value(value, unit)


@register.filter
def r_met(value):
    return wording.met(value)


@register.simple_tag
def r_stars(before, after):
    return wording.stars(before, after)


@register.simple_tag
def r_empty(key):
    return wording.EMPTY[key]
