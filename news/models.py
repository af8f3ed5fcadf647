"""What the college writes: categories and articles."""

from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.html import clean_html, media_names_in
from core.image_fields import ProcessedImageField, ProcessedImagesMixin
from core.images import master_name_of
from core.text import fold, plain_text, unique_slug
from events.models import Meeting, Photo
from people.models import Person, Unit


class Category(models.Model):
    """A section of the news ("Tin tức – Sự kiện", "Thi đua – Khen thưởng")."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Filled in from the name when left empty."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    # The name folded, so the admin finds "Thi đua" as "thi dua".
    name_folded = models.CharField(max_length=150, editable=False, default="")

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        self.fold_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:category", args=[self.slug])

    def fold_search_text(self):
        self.name_folded = fold(self.name)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What a visitor may see: published, and its publication time has come.

        Every public page, feed and sitemap goes through this one definition.
        """
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=timezone.now()
        )


class Article(ProcessedImagesMixin, models.Model):
    """A news article: the story of a meeting, an announcement, an honour.

    The body is rich text from the editor; the facts it reports (who, when, which
    photos) live on the meeting it points to, so pages can show them consistently.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Awaiting review")
        PUBLISHED = "published", _("Published")

    class State(models.TextChoices):
        """What the desk calls an article's state: the stored status, with a draft an
        editor sent back and a publication still to come told apart."""

        DRAFT = "draft", pgettext_lazy("article state", "Draft")
        RETURNED = "returned", pgettext_lazy("article state", "Needs changes")
        REVIEW = "review", pgettext_lazy("article state", "Awaiting review")
        SCHEDULED = "scheduled", pgettext_lazy("article state", "Scheduled")
        PUBLISHED = "published", pgettext_lazy("article state", "Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the article's address. Filled in from the title when left empty."
        ),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences shown in lists.")
    )
    body = RichTextUploadingField(_("body"), blank=True)
    # Processed like every image (core.image_fields): no GPS or camera data, a
    # generated name, so a draft's cover cannot be found before it is published.
    cover = ProcessedImageField(
        _("cover image"), folder="covers", max_length=255, blank=True
    )
    cover_photo = models.ForeignKey(
        "events.Photo",
        verbose_name=_("cover photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cover_of_articles",
        help_text=_(
            "A photo of the library; when empty, the meeting's cover photo is shown."
        ),
    )
    # The library photos the body shows, kept on every save from the body's image
    # addresses: "where is this photo used" is then one indexed query, not a
    # scan of every body.
    body_photos = models.ManyToManyField(
        "events.Photo",
        verbose_name=_("photos in the body"),
        blank=True,
        editable=False,
        related_name="in_bodies_of",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_(
            "The meeting the article reports: its attendees, photos and awards show with it."
        ),
    )
    byline_person = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    byline_unit = models.ForeignKey(
        Unit,
        verbose_name=_("author's unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    byline_text = models.CharField(
        _("byline text"),
        max_length=200,
        blank=True,
        help_text=_("Only when the author has no person record."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    review_note = models.TextField(
        _("editor's note"),
        blank=True,
        help_text=_(
            "Why the editor sent the article back; cleared when it is submitted again."
        ),
    )
    featured = models.BooleanField(_("featured"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by (account)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        editable=False,
    )
    title_folded = models.CharField(max_length=400, editable=False, default="")
    # Title, summary and body folded (no tone marks, lower case) for search.
    search_text = models.TextField(editable=False, default="")
    # The words of search_text for PostgreSQL's full-text index, kept by a trigger
    # on every insert and update (news/search.py); empty on other databases.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()
    # Every save keeps a version; the derived search fields are not worth keeping.
    history = HistoricalRecords(
        excluded_fields=["search_text", "search_vector", "title_folded"]
    )

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles"))
        ]
        # Public pages list published articles newest first, ties broken by id
        # (``ordering``): each index ends with both, so a page is read in index
        # order without a sort (docs/query-plans.md).
        indexes = [
            models.Index(
                fields=["status", "-published_at", "-id"],
                name="article_published_order",
            ),
            # updated_at, last: the category sitemap's dates come from the index
            # alone instead of a read of every article.
            models.Index(
                fields=["category", "status", "-published_at", "-id", "updated_at"],
                name="article_category_order",
            ),
            models.Index(
                fields=["byline_unit", "status", "-published_at", "-id"],
                name="article_unit_published",
            ),
            # The newest change of a published article (the sitemap index's date)
            # from the end of this index, instead of a read of every article.
            models.Index(fields=["updated_at"], name="article_updated"),
            # The admin's list, every status: its newest matches of a search are
            # read in this order, instead of a sort of every article that matches.
            models.Index(fields=["-published_at", "-id"], name="article_admin_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_article_has_date",
                violation_error_message=_(
                    "A published article needs a publication date."
                ),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = " ".join(self.title.split())
        self.title_folded = fold(self.title)
        self.body = clean_html(self.body)
        self.fold_search_text()
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        adding = self._state.adding
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.link_body_photos(adding)

    def get_absolute_url(self):
        return reverse("news:article_detail", args=[self.category.slug, self.slug])

    def link_body_photos(self, adding=False):
        """Point ``body_photos`` at the library photos the body shows, by their
        master's or a rendition's address."""
        masters = {master_name_of(name) for name in media_names_in(self.body)}
        if adding and not masters:
            return
        photos = Photo.objects.filter(image__in=masters) if masters else []
        self.body_photos.set(photos)

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def card_cover(self):
        """The photo the article's card and page show: the cover chosen from the
        library, else its meeting's cover (lists prefetch it as ``cover_photos``,
        events.queries)."""
        if self.cover_photo_id and self.cover_photo.image:
            return self.cover_photo
        if self.meeting_id is None:
            return None
        covers = getattr(self.meeting, "cover_photos", None)
        if covers is None:
            return self.meeting.cover
        return covers[0] if covers else None

    @property
    def state(self):
        """The ``State`` the desk shows: "Cần sửa" for a draft sent back with a
        note, "Đã hẹn giờ" for a publication whose time has not come."""
        if self.status == self.Status.PUBLISHED:
            if self.published_at is not None and self.published_at > timezone.now():
                return self.State.SCHEDULED
            return self.State.PUBLISHED
        if self.status == self.Status.DRAFT and self.review_note:
            return self.State.RETURNED
        return self.State(self.status)

    def fold_search_text(self):
        """The folded words search reads: title, summary, body and who signed it, so
        that "Thạch Thị Hồng Mơ" finds the articles she wrote."""
        self.search_text = search_text_of(
            self.title,
            self.summary,
            self.body,
            self.byline_person.full_name if self.byline_person_id else "",
            self.byline_text,
            self.byline_unit.name if self.byline_unit_id else "",
            self.byline_unit.short_name if self.byline_unit_id else "",
        )

    @property
    def byline(self):
        """ "Thạch Thị Hồng Mơ – Phòng TCHC", as the college signs its articles."""
        who = (
            self.byline_person.full_name if self.byline_person_id else self.byline_text
        )
        unit = (
            (self.byline_unit.short_name or self.byline_unit.name)
            if self.byline_unit_id
            else ""
        )
        return " – ".join(part for part in (who, unit) if part)


def search_text_of(title, summary, body, *signed_by):
    """An article's ``search_text`` (also used by the migration that filled it)."""
    byline = " ".join(part for part in signed_by if part)
    return fold(f"{title}\n{summary}\n{plain_text(body)}\n{byline}")


class ArticleEvent(models.Model):
    """One step of an article on its way to the public: who took it, and when.

    Written by ``news.workflow`` and by the admin when a status changes, so an
    editor can answer "who published this?" long after the fact.
    """

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        UNPUBLISHED = "unpublished", _("Unpublished")
        RETURNED = "returned", _("Sent back for changes")
        WITHDRAWN = "withdrawn", _("Withdrawn by the author")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_events",
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("article event")
        verbose_name_plural = _("article events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} – {self.article}"


class ImportedSource(models.Model):
    """A file the importer has read, by checksum: importing it again adds nothing."""

    checksum = models.CharField(_("checksum (SHA-256)"), max_length=64, unique=True)
    name = models.CharField(_("file name"), max_length=255)
    # Deleting the draft forgets the file too, so it can be imported again.
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="sources",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    # What the importer read from the file, one entry per fact: {"field", "value",
    # "line", "status"} with status "recognised", "uncertain" or "not understood";
    # the article's review panel shows it to the editor (news.import_people).
    report = models.JSONField(_("import report"), default=list, blank=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        ordering = ["-imported_at"]

    def __str__(self):
        return self.name


class ImportSuggestion(models.Model):
    """A person an import may have met before, waiting for an editor's decision.

    A name written like a known person's, but not surely theirs (tone marks or one
    letter differ, or the position does not fit), is never linked by itself: the
    import creates a provisional person and records the candidate here, and the
    editor either links the rows to the candidate or keeps the new person.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        LINKED = "linked", _("Linked to the candidate")
        CREATED = "created", _("Kept as a new person")

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="import_suggestions",
    )
    name = models.CharField(_("name as written"), max_length=120)
    honorific = models.CharField(
        _("degree or title as written"), max_length=40, blank=True, default=""
    )
    position = models.CharField(
        _("position as written"), max_length=250, blank=True, default=""
    )
    candidate = models.ForeignKey(
        Person,
        verbose_name=_("candidate person"),
        on_delete=models.CASCADE,
        related_name="import_suggestions",
    )
    # The person the import created for the name; the rows to re-point are its.
    created_person = models.ForeignKey(
        Person,
        verbose_name=_("person created by the import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=300)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import suggestion")
        verbose_name_plural = _("import suggestions")
        ordering = ["article", "pk"]

    def __str__(self):
        return f"{self.name} → {self.candidate}"
