"""An article's way to the public: draft → review → published, and back.

An editor may send an article in review back to its author with a note (the draft
then shows "Cần sửa" and the note until it is submitted again); its author may
withdraw it from review to go on writing.

Every change of status made by a button or an action goes through these functions,
which check the user's right and record an ``ArticleEvent``. Each raises
``PermissionDenied`` for a user who may not take the step, and for a step the
article's state does not allow.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from news.models import Article, ArticleEvent
from people.models import Person

PUBLISH = "news.publish_article"


def may_publish(user):
    return user.has_perm(PUBLISH)


def may_see(user, article):
    """Whether ``user`` may read ``article`` before it is public: its author, or an
    editor."""
    if not (user.is_active and user.is_staff):
        return False
    if may_publish(user):
        return user.has_perm("news.view_article") or user.has_perm(
            "news.change_article"
        )
    return user.has_perm("news.change_article") and article.author_id == user.pk


def may_edit(user, article):
    """Whether ``user`` may change ``article``: an editor any, a reporter their own
    while it is a draft."""
    if not user.has_perm("news.change_article"):
        return False
    if may_publish(user):
        return True
    return article.author_id == user.pk and article.status == Article.Status.DRAFT


def record(article, user, action, note=""):
    if action in (ArticleEvent.Action.PUBLISHED, ArticleEvent.Action.SCHEDULED):
        release_imported(article)
    return ArticleEvent.objects.create(
        article=article, user=user, action=action, note=note
    )


def release_imported(article):
    """The meeting, people and awards an import made with ``article`` become public
    with it (their ``pending_import`` goes).

    Called whenever the article's status becomes published, by a button, an action
    or the form (each records its step here); a scheduled article releases them
    when it is scheduled.
    """
    if article.byline_person_id:
        Person.objects.filter(pk=article.byline_person_id).update(pending_import=False)
    meeting = article.meeting
    if meeting is None:
        return
    if meeting.pending_import:
        meeting.pending_import = False
        meeting.save(update_fields=["pending_import", "updated_at"])
    Person.objects.filter(
        Q(attendances__meeting=meeting) | Q(awards__meeting=meeting),
        pending_import=True,
    ).update(pending_import=False)
    meeting.awards.filter(pending_import=True).update(pending_import=False)


def submit(article, user):
    """Send a draft for review."""
    if article.status != Article.Status.DRAFT or not may_edit(user, article):
        raise PermissionDenied
    return _move(
        article,
        user,
        Article.Status.REVIEW,
        ArticleEvent.Action.SUBMITTED,
        review_note="",
    )


def send_back(article, user, note):
    """Return an article in review to its author, saying what to change."""
    note = (note or "").strip()
    if not (may_publish(user) and user.has_perm("news.change_article")):
        raise PermissionDenied
    if article.status != Article.Status.REVIEW or not note:
        raise PermissionDenied
    return _move(
        article,
        user,
        Article.Status.DRAFT,
        ArticleEvent.Action.RETURNED,
        note=note[: ArticleEvent._meta.get_field("note").max_length],
        review_note=note,
    )


def may_withdraw(user, article):
    """Whether ``user`` may take ``article`` back from review: its author."""
    return (
        article.status == Article.Status.REVIEW
        and article.author_id == user.pk
        and user.has_perm("news.change_article")
    )


def withdraw(article, user):
    """The author takes their article back from review, to go on writing."""
    if not may_withdraw(user, article):
        raise PermissionDenied
    return _move(article, user, Article.Status.DRAFT, ArticleEvent.Action.WITHDRAWN)


def publish(article, user, at=None):
    """Publish now, or at ``at`` if that is in the future; a past ``at`` is now."""
    if not (may_publish(user) and user.has_perm("news.change_article")):
        raise PermissionDenied
    now = timezone.now()
    if at is None or at <= now:
        at, action = now, ArticleEvent.Action.PUBLISHED
    else:
        action = ArticleEvent.Action.SCHEDULED
    return _move(
        article,
        user,
        Article.Status.PUBLISHED,
        action,
        published_at=at,
        review_note="",
    )


def unpublish(article, user):
    """Take a published or scheduled article back to draft."""
    if not (may_publish(user) and user.has_perm("news.change_article")):
        raise PermissionDenied
    if article.status == Article.Status.DRAFT:
        raise PermissionDenied
    return _move(
        article,
        user,
        Article.Status.DRAFT,
        ArticleEvent.Action.UNPUBLISHED,
        published_at=None,
    )


def event_for_change(old_status, article):
    """The event a status change made in the form stands for, or None."""
    if old_status == article.status:
        return None
    if article.status == Article.Status.REVIEW:
        return ArticleEvent.Action.SUBMITTED
    if article.status == Article.Status.DRAFT:
        return ArticleEvent.Action.UNPUBLISHED if old_status else None
    if article.published_at and article.published_at > timezone.now():
        return ArticleEvent.Action.SCHEDULED
    return ArticleEvent.Action.PUBLISHED


_KEEP = object()


def _move(article, user, status, action, published_at=_KEEP, note="", **fields):
    with transaction.atomic():
        article.status = status
        if published_at is not _KEEP:
            article.published_at = published_at
        for name, value in fields.items():
            setattr(article, name, value)
        article.save()
        return record(article, user, action, note)
