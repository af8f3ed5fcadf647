from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_concurrency import ConcurrencyAdminMixin
from core.admin_presence import PresenceAdminMixin
from core.admin_safety import SafeSaveAdminMixin
from core.admin_tools import FoldedSearchMixin, month_filter
from core.admin_widgets import DayFirstDateTimeField
from core.history_admin import VersionHistoryAdmin
from core.html import clean_html, clean_html_report
from events.library import PhotoChoiceField
from news import import_people, workflow
from news import search as article_search
from news.models import Article, Category


@admin.register(Category)
class CategoryAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    folded_search_fields = ["name_folded"]
    typed_search_fields = []
    prepopulated_fields = {"slug": ["name"]}


class ArticleForm(forms.ModelForm):
    # Chosen from the media library (events.library); a new photo is uploaded with
    # its meeting's photos, so the old ``cover`` upload is no longer offered.
    cover_photo = PhotoChoiceField(
        required=False,
        label=capfirst(Article._meta.get_field("cover_photo").verbose_name),
        help_text=Article._meta.get_field("cover_photo").help_text,
    )

    class Meta:
        model = Article
        # The admin's fieldsets choose what shows; the form takes every editable field.
        fields = "__all__"  # noqa: DJ007

    def clean(self):
        cleaned = super().clean()
        # An editor who publishes without a date means "now".
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get(
            "published_at"
        ):
            cleaned["published_at"] = timezone.now()
        return cleaned


# What a writer without the publish permission may never send: the publication
# fields are read-only for them, so a form they were shown has none of these.
PUBLISHER_FIELDS = ["published_at", "featured"]
WRITER_STATUSES = [Article.Status.DRAFT, Article.Status.REVIEW]

# The import report's statuses, as the review panel groups them.
REPORT_GROUPS = [
    ("recognised", _("Recognised")),
    ("uncertain", _("Uncertain")),
    ("not understood", _("Not understood")),
]
# A suggestion's buttons: the name in the URL and what it does.
IMPORT_DECISIONS = {
    "dung-nguoi-nay": import_people.link_to_candidate,
    "tao-moi": import_people.keep_new_person,
}
# Buttons on the change form: (name in the URL, label, workflow function).
WORKFLOW_STEPS = {
    "submit": (_("Submit for review"), workflow.submit),
    "withdraw": (_("Withdraw from review"), workflow.withdraw),
    "send_back": (_("Send back for changes"), workflow.send_back),
    "publish": (_("Publish now"), workflow.publish),
    "schedule": (_("Schedule publication"), workflow.publish),
    "unpublish": (_("Unpublish"), workflow.unpublish),
}
# Sent by the change form with every button: a workflow button that brings it
# brought the whole form, which is saved before the step is taken.
WHOLE_FORM = "_whole_form"


@admin.register(Article)
class ArticleAdmin(
    ConcurrencyAdminMixin,
    PresenceAdminMixin,
    SafeSaveAdminMixin,
    FoldedSearchMixin,
    VersionHistoryAdmin,
):
    """Articles; a writer without ``news.publish_article`` sees and edits only their
    own drafts and can never publish. The server checks, not just the buttons."""

    form = ArticleForm
    change_form_template = "admin/news/article/change_form.html"
    actions = ["submit_selected", "publish_selected", "unpublish_selected"]

    class Media:
        # Keeps the form's text in the browser until it is saved (session expiry).
        # Then the editor's missing Vietnamese, the paste report and the upload's
        # CSRF token (static/js/admin/), before django-ckeditor's scripts create
        # the editor.
        js = [
            "admin/js/ngt-draft-keeper.js",
            "js/admin/ckeditor-vi.js",
            "js/admin/editor-paste.js",
            "js/admin/editor-upload.js",
        ]

    list_display = ["title", "category", "state", "published_at", "featured", "author"]
    list_filter = ["status", "category", month_filter("published_at"), "featured"]
    search_fields = ["title", "summary"]
    folded_search_fields = ["search_text"]
    typed_search_fields = []
    # On PostgreSQL the same words from the full-text index, as the public search.
    fulltext_search = staticmethod(article_search.matching)
    list_defer = ["body", "search_text", "search_vector"]
    autocomplete_fields = ["meeting", "byline_person", "byline_unit"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["category", "author"]
    readonly_fields = [
        "state",
        "review_note",
        "body_rendered",
        "preview_link",
        "author",
        "created_at",
        "updated_at",
        "workflow_history",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Cover"), {"fields": ["cover_photo"]}),
        (
            _("Meeting and byline"),
            {"fields": ["meeting", "byline_person", "byline_unit", "byline_text"]},
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "state",
                    "review_note",
                    "status",
                    "published_at",
                    "featured",
                    "preview_link",
                    "author",
                    "created_at",
                    "updated_at",
                    "workflow_history",
                ]
            },
        ),
    ]

    @admin.display(description=_("state"), ordering="status")
    def state(self, article):
        return str((article.state if article.pk else Article.State.DRAFT).label)

    @admin.display(description=_("body"))
    def body_rendered(self, article):
        # Cleaned when saved and again here: what is shown is never unchecked HTML.
        return mark_safe(clean_html(article.body))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (an article in review, for its reporter): the body as it reads,
        # not its HTML.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "body_rendered" if field == "body" else field
                        for field in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]

    # ------------------------------------------------------------ who sees what

    def get_queryset(self, request):
        articles = super().get_queryset(request)
        if workflow.may_publish(request.user):
            return articles
        return articles.filter(author=request.user)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is None and not workflow.may_publish(request.user):
            # Someone else's article: refused, not "does not exist".
            field = from_field or "pk"
            try:
                if Article.objects.filter(**{field: object_id}).exists():
                    raise PermissionDenied
            except (ValueError, ValidationError):
                pass
        return article

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return workflow.may_publish(request.user) or obj.author_id == request.user.pk

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return workflow.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return workflow.may_edit(request.user, obj)

    def has_publish_permission(self, request):
        return workflow.may_publish(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if workflow.may_publish(request.user):
            return fields
        return [*fields, *PUBLISHER_FIELDS]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not workflow.may_publish(request.user):
            kwargs["choices"] = [
                (value, label)
                for value, label in Article.Status.choices
                if value in WRITER_STATUSES
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and not workflow.may_publish(request.user):
            self._refuse_publisher_fields(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not workflow.may_publish(request.user):
            self._refuse_publisher_fields(request)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def prepare_version(self, request, version, current):
        # What only editors set stays as it is now when a writer restores a version.
        if not workflow.may_publish(request.user):
            for name in PUBLISHER_FIELDS:
                setattr(version, name, getattr(current, name))

    def _refuse_publisher_fields(self, request):
        """403 for a POST that tries to publish or set what only editors set."""
        status = request.POST.get("status")
        if status is not None and status not in WRITER_STATUSES:
            raise PermissionDenied
        for key, value in request.POST.items():
            name = key.rsplit("_", 1)[0] if key.endswith(("_0", "_1")) else key
            if (key in PUBLISHER_FIELDS or name in PUBLISHER_FIELDS) and value:
                raise PermissionDenied

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        old_status = form.initial.get("status") if change else None
        dropped = clean_html_report(obj.body).dropped_images
        super().save_model(request, obj, form, change)
        if dropped:
            transaction.on_commit(lambda: self.warn_dropped_images(request, dropped))
        action = workflow.event_for_change(old_status, obj)
        if action is not None:
            workflow.record(obj, request.user, action)

    def warn_dropped_images(self, request, count):
        """Images the body lost on saving (pasted from Word, from a computer, or
        with an address outside the site's files): said once the save is
        committed, so a failed save does not claim it."""
        message = ngettext(
            "%(count)d image in the body could not be saved (pasted from Word or "
            "from a computer, or with an address outside the site's files) — upload "
            "it with the Image button.",
            "%(count)d images in the body could not be saved (pasted from Word or "
            "from a computer, or with an address outside the site's files) — upload "
            "them with the Image button.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.WARNING)

    @admin.display(description=_("workflow history"))
    def workflow_history(self, article):
        if article.pk is None:
            return "—"
        events = article.events.select_related("user")
        if not events:
            return _("Nothing yet.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} — {} — {}{}</li>",
                (
                    (
                        timezone.localtime(event.at).strftime("%d/%m/%Y %H:%M"),
                        event.get_action_display(),
                        event.user or "—",
                        f" ({event.note})" if event.note else "",
                    )
                    for event in events
                ),
            ),
        )

    # ------------------------------------------------------------ workflow

    def render_change_form(self, request, context, add=False, change=False, **kw):
        article = context.get("original")
        steps = []
        if article is not None:
            steps = [
                (name, label)
                for name, (label, _step) in WORKFLOW_STEPS.items()
                if self._step_allowed(request, article, name)
            ]
        context["workflow_steps"] = steps
        if article is not None:
            context["import_review"] = self._import_review(request, article)
        return super().render_change_form(request, context, add, change, **kw)

    # ------------------------------------------------------------ import review

    def _import_review(self, request, article):
        """The imported file's report by status and the people to decide on, for
        the panel under the form (templates/admin/news/article/import_review.html);
        None for an article that was not imported."""
        report = [entry for source in article.sources.all() for entry in source.report]
        suggestions = list(
            article.import_suggestions.select_related(
                "candidate", "created_person", "decided_by"
            )
        )
        if not report and not suggestions:
            return None
        groups = [
            (label, [entry for entry in report if entry.get("status") == status])
            for status, label in REPORT_GROUPS
        ]
        return {
            "groups": [(label, entries) for label, entries in groups if entries],
            "pending": [s for s in suggestions if s.decision == s.Decision.PENDING],
            "decided": [s for s in suggestions if s.decision != s.Decision.PENDING],
            "may_decide": self._may_decide(request),
        }

    def _may_decide(self, request):
        return request.user.has_perms(["news.change_article", "events.change_meeting"])

    def import_decision_view(self, request, pk, suggestion_pk, decision):
        """One of a suggestion's two buttons: "Đúng người này" links the rows made
        for the name to the candidate; "Người khác — tạo mới" keeps the new person."""
        if request.method != "POST" or decision not in IMPORT_DECISIONS:
            raise Http404
        if not self._may_decide(request):
            raise PermissionDenied
        article = self.get_object(request, str(pk))
        if (
            article is None
            or not article.import_suggestions.filter(pk=suggestion_pk).exists()
        ):
            raise Http404
        try:
            IMPORT_DECISIONS[decision](suggestion_pk, request.user)
        except import_people.AlreadyDecided:
            self.message_user(
                request, _("This suggestion has already been decided."), messages.ERROR
            )
        else:
            self.message_user(request, _("Decision recorded."), messages.SUCCESS)
        return redirect("admin:news_article_change", article.pk)

    def _step_allowed(self, request, article, name):
        user = request.user
        if name == "submit":
            return article.status == Article.Status.DRAFT and workflow.may_edit(
                user, article
            )
        if name == "withdraw":
            return workflow.may_withdraw(user, article)
        if not (workflow.may_publish(user) and user.has_perm("news.change_article")):
            return False
        if name == "send_back":
            return article.status == Article.Status.REVIEW
        if name == "unpublish":
            return article.status != Article.Status.DRAFT
        return not article.is_public

    def workflow_view(self, request, pk, step):
        """One button of the change form: submit, withdraw, send back, publish,
        schedule or unpublish.

        The buttons are in the change form, so they bring its fields: those are
        saved first, in the same transaction as the step, and a form with errors
        is shown again with nothing moved. A bare POST (the list, a script) takes
        the step alone.
        """
        if request.method != "POST" or step not in WORKFLOW_STEPS:
            raise Http404
        article = self.get_object(request, str(pk))
        if article is None:
            raise Http404
        if WHOLE_FORM in request.POST and self.has_change_permission(request, article):
            request._ngt_workflow_step = step
            return self.changeform_view(
                request,
                str(pk),
                form_url=reverse("admin:news_article_change", args=[pk]),
            )
        return self._take_step(request, article, step)

    def response_change(self, request, obj):
        step = getattr(request, "_ngt_workflow_step", None)
        if step is None:
            return super().response_change(request, obj)
        self.message_user(
            request, _("“%(title)s”: changes saved.") % {"title": obj}, messages.INFO
        )
        return self._take_step(request, obj, step)

    def _take_step(self, request, article, step):
        label, function = WORKFLOW_STEPS[step]
        change = redirect("admin:news_article_change", article.pk)
        if step == "schedule":
            # The admin's one way to write a time, whatever the browser's language.
            field = DayFirstDateTimeField()
            try:
                at = field.clean(request.POST.get("schedule_at", "").strip())
            except ValidationError:
                self.message_user(
                    request,
                    _("Choose the date and time to publish, as 31/01/2024 14:00."),
                    messages.ERROR,
                )
                return change
            function(article, request.user, at)
        elif step == "send_back":
            note = request.POST.get("send_back_note", "").strip()
            if not note:
                self.message_user(
                    request,
                    _("Write what the author should change before sending it back."),
                    messages.ERROR,
                )
                return change
            function(article, request.user, note)
        else:
            function(article, request.user)
        self.message_user(
            request,
            _("“%(title)s”: %(step)s — done.") % {"title": article, "step": label},
            messages.SUCCESS,
        )
        return change

    def _apply_to_selected(self, request, queryset, function):
        done = skipped = 0
        for article in queryset:
            try:
                function(article, request.user)
            except PermissionDenied:
                skipped += 1
            else:
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(done)d article changed, %(skipped)d skipped.",
                "%(done)d articles changed, %(skipped)d skipped.",
                done,
            )
            % {"done": done, "skipped": skipped},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(description=_("Submit the selected articles for review"))
    def submit_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, workflow.submit)

    @admin.action(
        description=_("Publish the selected articles now"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, workflow.publish)

    @admin.action(
        description=_("Unpublish the selected articles"), permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, workflow.unpublish)

    @admin.display(description=_("preview"))
    def preview_link(self, article):
        if article.pk is None:
            return _("Save the article first.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("news_article_preview", args=[article.pk]),
            _("Open the preview"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/quy-trinh/<slug:step>/",
                self.admin_site.admin_view(self.workflow_view),
                name="news_article_workflow",
            ),
            path(
                "<int:pk>/goi-y/<int:suggestion_pk>/<slug:decision>/",
                self.admin_site.admin_view(self.import_decision_view),
                name="news_article_import_decision",
            ),
            *super().get_urls(),
        ]
