"""Template filters for Thai presentation; loaded as builtins in every template.

{{ day|thai_date }}          14 ก.พ. 2565  (๑๔ ก.พ. ๒๕๖๕ with the Thai-digits preference)
{{ day|thai_date:"long" }}   14 กุมภาพันธ์ 2565
{{ moment|thai_datetime }}   14 ก.พ. 2565 09:30 น.
{{ day|fiscal_year }}        ปีงบประมาณ 2565
{{ amount|baht }}            272,500 บาท
{{ amount|baht_words }}      สองแสนเจ็ดหมื่นสองพันห้าร้อยบาทถ้วน
{{ count|thai_number }}      1,500
"""

from django import template

from kbo.core import thai

register = template.Library()


@register.filter
def thai_date(value, style="short"):
    return thai.format_date(value, style)


@register.filter
def thai_datetime(value):
    return thai.format_datetime(value)


@register.filter
def fiscal_year(value):
    return thai.format_fiscal_year(value)


@register.filter
def baht(value):
    return thai.format_baht(value)


@register.filter
def baht_words(value):
    return thai.baht_words(value)


@register.filter
def thai_number(value, places=0):
    return thai.format_number(value, int(places))


@register.filter
def thai_digits(value):
    return thai.digits(str(value))
