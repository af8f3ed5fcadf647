"""``{{ number|tel }}``: a phone number as a ``tel:`` link dials it (core.text)."""

from django import template

from core.text import dialable

register = template.Library()


@register.filter
def tel(phone):
    return dialable(phone or "")
