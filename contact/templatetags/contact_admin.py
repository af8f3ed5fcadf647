"""The admin dashboard's line about visitors' new messages."""

from django import template
from django.urls import reverse

from contact.models import Message

register = template.Library()


@register.inclusion_tag("admin/contact/new_messages.html", takes_context=True)
def new_messages(context):
    """How many messages wait for an answer, for those who may read them."""
    user = context["request"].user
    if not user.has_perm("contact.view_message"):
        return {"count": None}
    return {
        "count": Message.objects.filter(status=Message.Status.NEW).count(),
        "url": reverse("admin:contact_message_changelist") + "?status__exact=new",
    }
