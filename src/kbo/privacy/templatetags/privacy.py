"""`{% personal obj "field" %}`: a personal field as the signed-in user may see it (in clear
or masked, following kbo.privacy.fields); "—" when empty."""

from django import template

from kbo.privacy.fields import value_for

register = template.Library()


@register.simple_tag(takes_context=True)
def personal(context, obj, name: str, empty: str = "—", province=None) -> str:
    """`province`: the record's province id when the template has it at hand."""
    request = context.get("request")
    if request is None or obj is None:
        return empty
    return value_for(request.user, obj, name, province) or empty
