"""The contact page and its feedback form, the questions page, the accessibility
statement."""

import datetime

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from contact.forms import SUBJECTS, MessageForm
from contact.limits import over_limit, sender_hash
from contact.models import Message
from contact.notify import notify_after_commit
from core.html import script_json
from core.pagination import paginate

# When the accessibility statement was last reviewed; change it with the text.
STATEMENT_DATE = datetime.date(2026, 12, 7)
# Characters that could end a <script> element or start markup inside one, written
# as JSON escapes (as Django's json_script does).


# The form carries a CSRF token, which belongs to one visitor: the page is never
# stored by the page cache, a CDN or a browser's back-forward copy of someone else.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    """The office's details and the feedback form (Post/Redirect/Get)."""
    if request.method != "POST":
        subject = SUBJECTS.get(request.GET.get("chu-de", ""), "")
        form = MessageForm(initial={"subject": subject})
        return render(request, "contact/contact.html", {"form": form})

    form = MessageForm(request.POST)
    if form.is_trap_filled:
        # Told it was sent, so that it does not try another way round.
        return redirect("contact:sent")
    if not form.is_valid():
        form.describe_errors()
        return render(request, "contact/contact.html", {"form": form}, status=400)
    sender = sender_hash(request)
    if over_limit(sender):
        context = {"form": form, "refusal": _too_many_message()}
        return render(request, "contact/contact.html", context, status=429)
    with transaction.atomic():
        message = form.save(commit=False)
        message.sender_hash = sender
        message.save()
        notify_after_commit(request, message)
    return redirect("contact:sent")


def _too_many_message():
    return _(
        "We have already received five messages from your connection in the last "
        "hour, so this one was not sent. Please try again in an hour, or call the "
        "office."
    )


@require_GET
def sent(request):
    """The confirmation after a message is sent."""
    return render(request, "contact/sent.html")


@require_GET
def faq(request):
    """The questions the office published, with their answers, newest first."""
    page = paginate(
        request,
        Message.objects.published().only(
            "name", "subject", "text", "answer", "received_at", "answered_at"
        ),
    )
    return render(
        request,
        "contact/faq.html",
        {"page_obj": page, "faq_json_ld": _faq_json_ld(page)},
    )


def _faq_json_ld(page):
    """schema.org FAQPage of the questions on this page, safe inside <script>."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": message.subject,
                "text": message.text,
                "dateCreated": message.received_at.isoformat(),
                "acceptedAnswer": {"@type": "Answer", "text": message.answer},
            }
            for message in page
        ],
    }
    return script_json(data)


@require_GET
def accessibility(request):
    """The accessibility statement."""
    return render(
        request, "contact/accessibility.html", {"statement_date": STATEMENT_DATE}
    )
