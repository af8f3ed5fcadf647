"""What happened at the college: meetings, the documents behind them, who was there,
and the pictures taken."""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.documents import document_upload_to, validate_new_document
from core.image_fields import (
    ProcessedImageField,
    ProcessedImagesMixin,
    validate_pending_image,
)
from core.image_quality import quality_warnings
from core.text import fold, unique_slug
from documents.models import Document
from events.focal_points import FocalPoint
from people.models import Person, Unit


class MeetingQuerySet(models.QuerySet):
    def on_the_news(self):
        """The meetings the news sections show: those that have begun, and those
        ahead that a published article already reports.

        The weekly schedule lists meetings planned ahead; the meeting list, the home
        page and the sitemap wait until a meeting has taken place or is written
        about. The articles are reached through their relation to the meeting
        (events may not import news), and ``published()`` stays their one
        definition of what visitors may see. A meeting an import made waits for
        its article's publication (``pending_import``).
        """
        articles = self.model._meta.get_field("articles").related_model
        reported = articles.objects.published().filter(meeting=OuterRef("pk"))
        return self.filter(pending_import=False).filter(
            Q(starts_at__lte=timezone.now()) | Exists(reported)
        )


class Meeting(models.Model):
    """A conference, a party cell's thematic session, a ceremony: something articles report.

    The college's articles each describe one meeting: when and where it took place, who
    organised it, the plans it was held under, who chaired, spoke and attended, and the
    photos taken. The article tells the story; the meeting keeps the facts.
    """

    class Kind(models.TextChoices):
        ANNUAL_REVIEW = "annual_review", _("Annual review conference")
        THEMATIC = "thematic", _("Thematic session")
        CEREMONY = "ceremony", _("Ceremony")
        WORKSHOP = "workshop", _("Workshop")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Filled in from the title when left empty."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    time_known = models.BooleanField(
        _("time of day known"),
        default=True,
        help_text=_(
            "Untick when the source gives only the date: pages then show the date alone."
        ),
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    organizer = models.ForeignKey(
        Unit,
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    summary = models.TextField(_("summary"), blank=True)
    # Made by an import and not yet confirmed by an editor: kept off the public
    # site until the article it came with is published (news.importer).
    pending_import = models.BooleanField(
        _("awaiting an imported article"), default=False, editable=False
    )
    title_folded = models.CharField(
        max_length=400, editable=False, db_index=True, default=""
    )
    # Title, summary and place folded for search.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # A reporter edits the meetings they created (news.roles); editors edit all.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by (account)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="meetings_created",
    )

    objects = MeetingQuerySet.as_manager()

    # Every save keeps a version; the derived search fields are not worth keeping.
    history = HistoricalRecords(excluded_fields=["search_text", "title_folded"])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        # A reporter's right (events.permissions): editors hold change_meeting.
        permissions = [("change_own_meeting", _("Can change meetings they created"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = " ".join(self.title.split())
        self.title_folded = fold(self.title)
        self.search_text = fold(f"{self.title}\n{self.summary}\n{self.location}")
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:meeting_detail", args=[self.slug])

    def autocomplete_label(self):
        """ "Hội nghị tổng kết … – 31/01/2024": titles repeat from year to year."""
        return f"{self.title} – {timezone.localtime(self.starts_at):%d/%m/%Y}"

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at)

    @property
    def cover(self):
        """The photo chosen as cover, else the first photo that has an image."""
        return choose_cover([p for p in self.photos.all() if p.image])


class MeetingDocument(models.Model):
    """An official document a meeting is held under ("Kế hoạch số 10/KH-CĐNGT").

    Decree 42/2022/NĐ-CP asks a public body's portal for a library of its documents
    with their form, number, dates and file; these rows are where it starts.
    """

    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        DECISION = "decision", _("Decision")
        RESOLUTION = "resolution", _("Resolution")
        OFFICIAL_LETTER = "official_letter", _("Official letter")
        NOTICE = "notice", _("Notice")
        REPORT = "report", _("Report")
        PROGRAMME = "programme", _("Work programme")
        OTHER = "other", _("Other")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(
        _("form"), max_length=20, choices=Kind.choices, default=Kind.PLAN
    )
    number = models.CharField(
        _("number and symbol"), max_length=60, help_text=_("For example “10/KH-CĐNGT”.")
    )
    date = models.DateField(_("date issued"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    issuer = models.ForeignKey(
        Unit,
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        validators=[validate_new_document],
        max_length=255,
        blank=True,
        help_text=_("PDF, Word, Excel or OpenDocument; stored under a generated name."),
    )
    # The library's record of this document (its public page), when there is one.
    document = models.ForeignKey(
        Document,
        verbose_name=_("library document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_links",
        help_text=_("The official document's record in the public library."),
    )
    # Number and title folded, so the admin finds "Quyết định" as "quyet dinh".
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="document_number_unique_per_meeting",
                violation_error_message=_(
                    "This meeting already lists a document with this number."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.number}"

    def save(self, *args, **kwargs):
        self.keep_original_name()
        self.fold_search_text()
        super().save(*args, **kwargs)

    def keep_original_name(self):
        """The file is stored under a generated name, so its own name becomes the title."""
        if self.file and not self.file._committed and not self.title:
            self.title = Path(self.file.name).stem[:300]

    def fold_search_text(self):
        self.search_text = fold(f"{self.number}\n{self.title}")


class Attendee(models.Model):
    """A person at a meeting, with the role they had and what they spoke about.

    Positions change, so the position the article gave at that time is kept here as
    text. Some attendees have no person record (a guest named once): then ``name``.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        REPORTER = "reporter", _("Presented the report")
        SPEAKER = "speaker", _("Speaker")
        ANNOUNCER = "announcer", _("Announced the decisions")
        GUEST = "guest", _("Guest")
        PARTICIPANT = "participant", _("Participant")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="attendees",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("Only when the person has no record of their own."),
    )
    position_at_time = models.CharField(
        _("position at the time"), max_length=250, blank=True
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    topic = models.CharField(_("topic of the speech"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), blank=True)
    # A guest's name, the position and the topic folded for the admin's search.
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="attendee_order_unique_per_meeting",
                violation_error_message=_(
                    "Two attendees of this meeting have the same order number."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="attendee_person_once_per_meeting",
                violation_error_message=_(
                    "This person is already an attendee of this meeting."
                ),
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="attendee_has_person_or_name",
                violation_error_message=_("Choose a person or type a name."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if self.order is None:
            last = Attendee.objects.filter(meeting_id=self.meeting_id).aggregate(
                models.Max("order")
            )
            self.order = (last["order__max"] or 0) + 1
        if self.person_id and not self.position_at_time:
            self.position_at_time = self.person.position_text(
                timezone.localdate(self.meeting.starts_at)
            )
        self.fold_search_text()
        super().save(*args, **kwargs)

    def fold_search_text(self):
        self.search_text = fold(f"{self.name}\n{self.position_at_time}\n{self.topic}")

    @property
    def display_name(self):
        if self.person_id:
            return self.person.display_name
        return self.name


# Named by migrations written before every image went through core.image_fields.
def photo_upload_to(instance, filename):
    return f"photos/{timezone.now():%Y/%m}/{filename}"


validate_new_photo = validate_pending_image


class Photo(ProcessedImagesMixin, models.Model):
    """A photo of the library: a meeting's, with its caption naming the people in it,
    or one put into an article's body through the editor, which has no meeting.

    Captions come before photos when old articles are imported: such a row has no image
    yet and is never shown publicly until one is attached.
    """

    FocalPoint = FocalPoint

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="photos",
        null=True,
        blank=True,
        help_text=_("Empty for an image uploaded into an article's body."),
    )
    # Processed once, whatever the path (core.image_fields): upright, no metadata,
    # a generated name, renditions at NGT_PHOTO_WIDTHS.
    image = ProcessedImageField(
        _("image"),
        folder="photos",
        renditions=True,
        renditions_field="renditions",
        max_length=255,
        blank=True,
    )
    caption = models.TextField(_("caption"), blank=True)
    people = models.ManyToManyField(
        Person, verbose_name=_("people in the photo"), blank=True, related_name="photos"
    )
    order = models.PositiveSmallIntegerField(_("order"), blank=True)
    is_cover = models.BooleanField(_("cover photo"), default=False)
    focal_point = models.CharField(
        _("focal point"),
        max_length=12,
        choices=FocalPoint.choices,
        default=FocalPoint.CENTER,
        help_text=_(
            "The part of the photo that cards and thumbnails keep in view when "
            "they crop it."
        ),
    )
    width = models.PositiveIntegerField(
        _("width"), null=True, blank=True, editable=False
    )
    height = models.PositiveIntegerField(
        _("height"), null=True, blank=True, editable=False
    )
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    credit = models.CharField(_("photographer"), max_length=120, blank=True)
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False
    )
    renditions = models.JSONField(
        _("rendition widths"), default=list, blank=True, editable=False
    )
    # Measured once, at processing: a perceptual hash (64 bits as 16 hex digits)
    # that finds the same shot uploaded twice, and how sharp and how bright it is,
    # so blurred or dark photos are flagged to the editor (core.images).
    phash = models.CharField(
        _("perceptual hash"), max_length=16, blank=True, editable=False, db_index=True
    )
    sharpness = models.FloatField(_("sharpness"), null=True, blank=True, editable=False)
    brightness = models.FloatField(
        _("brightness"), null=True, blank=True, editable=False
    )
    # A photographer deletes the photos they uploaded (news.roles); editors any.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by (account)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="photos_uploaded",
    )
    # The version a form was opened on: a save based on an older one is refused.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The caption, the photographer and the file's own name folded, so the admin
    # finds "Quang cảnh" when "quang canh" is typed (core.text.fold).
    search_text = models.TextField(editable=False, default="")

    # Captions and order are what change; renditions are rebuilt, not edited.
    history = HistoricalRecords(
        excluded_fields=[
            "renditions",
            "search_text",
            "phash",
            "sharpness",
            "brightness",
        ]
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        # By the column, not the meeting: no join (an outer one now the meeting is
        # optional, which PostgreSQL cannot lock FOR UPDATE).
        ordering = ["meeting_id", "order", "pk"]
        # A photographer's right (events.permissions): editors hold delete_photo.
        permissions = [("delete_own_photo", _("Can delete photos they uploaded"))]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(is_cover=True),
                name="one_cover_photo_per_meeting",
                violation_error_message=_("A meeting has only one cover photo."),
            )
        ]

    def __str__(self):
        return self.caption[:80] or str(
            _("Photo %(number)s") % {"number": self.order or ""}
        )

    def save(self, *args, **kwargs):
        self.caption = self.caption.strip()
        if self.order is None:
            last = Photo.objects.filter(meeting_id=self.meeting_id).aggregate(
                models.Max("order")
            )
            self.order = (last["order__max"] or 0) + 1
        self.fold_search_text()
        super().save(*args, **kwargs)

    def fold_search_text(self):
        """Fill ``search_text`` from the caption, credit and original file name."""
        self.search_text = fold(f"{self.caption}\n{self.credit}\n{self.original_name}")

    def process_upload(self):
        """Make the upload public-safe and its renditions now, once; return the
        names written (the save that follows does not process it again)."""
        return self.image.process()

    def image_processed(self, field, processed, original_name):
        """What processing found (core.image_fields): size, renditions, when the
        photo was taken, its quality measures and the name it was uploaded under."""
        self.original_name = original_name
        self.width, self.height = processed.width, processed.height
        self.renditions = processed.widths
        if self.taken_at is None:
            self.taken_at = processed.taken_at
        self.set_measures(processed.measures)
        self.fold_search_text()

    def set_measures(self, measures):
        """Keep the hash, sharpness and brightness measured at processing."""
        self.phash = measures.phash
        self.sharpness = measures.sharpness
        self.brightness = measures.brightness

    @property
    def quality_warnings(self):
        """Vietnamese warnings for a blurred or dark photo; empty if none or unmeasured."""
        return quality_warnings(self.sharpness, self.brightness)

    def file_names(self):
        """The master and every rendition this photo has in storage."""
        return self.image_files()

    @property
    def focus_class(self):
        """``focus-top-left``… for a crop that keeps that part; empty for the centre."""
        if self.focal_point in (FocalPoint.CENTER, ""):
            return ""
        return f"focus-{self.focal_point}"

    @property
    def alt_text(self):
        """Never empty: the caption, or the meeting's title when there is none."""
        if self.caption:
            return self.caption
        if self.meeting_id is None:
            return str(_("Photo"))
        return str(_("Photo of: %(meeting)s") % {"meeting": self.meeting.title})


def choose_cover(photos):
    """The photo marked as cover, else the first; ``photos`` are those with an image."""
    return next((p for p in photos if p.is_cover), photos[0] if photos else None)


# A committee a congress elected ("Ban Chấp hành … khóa XV"), with its term.
class ElectedBody(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="elected_bodies")
    name = models.CharField(_("name"), max_length=300)
    term = models.CharField(_("term"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name, verbose_name_plural = _("elected body"), _("elected bodies")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return f"{self.name}, {self.term}" if self.term else self.name


# A member: the position held then, the office given ("Bí thư"); name if no record.
class ElectedMember(models.Model):
    body = models.ForeignKey(ElectedBody, models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    position = models.CharField(_("position at the time"), max_length=250, blank=True)
    role = models.CharField(_("office in the body"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name, verbose_name_plural = _("elected member"), _("elected members")
        ordering = ["body", "order", "pk"]

    def __str__(self):
        return self.person.display_name if self.person_id else self.name
