"""The office is told of a new message by e-mail, after the message is stored.

The mail is sent once the transaction commits, and a mail server that is down or
refuses loses nothing: the message is in the database and in the admin's list; the
failure is logged.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from contact.models import Office

logger = logging.getLogger("contact.notify")


def recipients():
    """``NGT_CONTACT_EMAIL`` if set, otherwise the office's own address."""
    configured = getattr(settings, "NGT_CONTACT_EMAIL", [])
    if configured:
        return list(configured)
    office = Office.current()
    return [office.email] if office.email else []


def notification(message, admin_url):
    """The plain-text mail about ``message``; nothing in it is HTML."""
    lines = [
        _("A visitor sent a message through the contact page."),
        "",
        _("Name: %(name)s") % {"name": message.name},
        _("E-mail: %(email)s") % {"email": message.email or "—"},
        _("Phone: %(phone)s") % {"phone": message.phone or "—"},
        _("Subject: %(subject)s") % {"subject": message.subject},
        "",
        message.text,
        "",
        _("Answer it in the administration: %(url)s") % {"url": admin_url},
    ]
    return EmailMessage(
        subject=(_("[Contact] %(subject)s") % {"subject": message.subject})[:200],
        body="\n".join(lines),
        to=recipients(),
        reply_to=[message.email] if message.email else None,
    )


def send_notification(message, admin_url):
    mail = notification(message, admin_url)
    if not mail.to:
        logger.warning("No address to notify of contact message %s", message.pk)
        return
    try:
        mail.send()
    except Exception:
        # The message is stored; the office still finds it in the admin.
        logger.exception("The notification of contact message %s failed", message.pk)


def notify_after_commit(request, message):
    admin_url = request.build_absolute_uri(
        reverse("admin:contact_message_change", args=[message.pk])
    )
    transaction.on_commit(lambda: send_notification(message, admin_url))
