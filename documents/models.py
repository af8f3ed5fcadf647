"""The official-document library: plans, decisions, notices the college issues or cites.

Decree 42/2022/NĐ-CP asks a public body's portal for its documents with their form,
issuing body, number and symbol, dates of issue and effect, summary and file. A
meeting's documents (events.MeetingDocument) point here, so "Kế hoạch số
10/KH-CĐNGT" is one record whichever meeting or article names it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.documents import (
    CONTENT_TYPES,
    document_upload_to,
    extension,
    validate_new_document,
)
from core.text import fold, unique_slug
from people.models import Person, Unit

# The library takes PDF and Word only: what the college issues and signs.
LIBRARY_EXTENSIONS = {"pdf", "doc", "docx"}
SLUG_SOURCE_CHARS = 120


def validate_library_file(file):
    """core.documents' content check, then PDF or Word only.

    The content check already refuses a file whose name lies about it; what is left
    is an Excel or OpenDocument file, which is a real document but not one the
    library publishes.
    """
    validate_new_document(file)
    if not getattr(file, "_committed", False) and (
        extension(file.name) not in LIBRARY_EXTENSIONS
    ):
        raise ValidationError(
            _("The library takes PDF and Word files only."), code="library_type"
        )


def fill_derived_fields(document):
    """The slug, folded number and search text of ``document``.

    The model's ``save`` calls it, and so does the data migration that builds the
    library from the meetings' documents (its historical model has no ``save`` of
    ours).
    """
    document.number = " ".join(document.number.split())
    document.number_folded = fold(document.number)
    document.search_text = fold(
        f"{document.number}\n{document.title}\n{document.issuer_name}\n"
        f"{document.signer}"
    )
    if not document.slug:
        # A document brought in from a meeting with no summary has its number as one.
        words = [document.number]
        if document.title != document.number:
            words.append(document.title)
        source = " ".join(words)[:SLUG_SOURCE_CHARS]
        document.slug = unique_slug(document, source)


class Document(models.Model):
    """An official document, as Decree 42 lists it: form, issuer, number, dates,
    summary (trích yếu), signer and the file to download."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision")
        PLAN = "plan", _("Plan")
        NOTICE = "notice", _("Notice")
        OFFICIAL_LETTER = "official_letter", _("Official letter")
        REPORT = "report", _("Report")
        GUIDANCE = "guidance", pgettext_lazy("document kind", "Guidance")
        SUBMISSION = "submission", pgettext_lazy("document kind", "Submission")
        RESOLUTION = "resolution", _("Resolution")
        DIRECTIVE = "directive", pgettext_lazy("document kind", "Directive")
        STATUTE = "statute", pgettext_lazy("document kind", "Statute")
        REGULATION = "regulation", pgettext_lazy("document kind", "Regulation")
        OTHER = "other", _("Other")

    class Field(models.TextChoices):
        """The fields (lĩnh vực) a college's documents fall in."""

        ADMINISTRATION = "administration", _("Administration")
        PERSONNEL = "personnel", _("Organisation and personnel")
        TRAINING = "training", _("Training")
        STUDENTS = "students", _("Students")
        EMULATION = "emulation", _("Emulation and commendation")
        FINANCE = "finance", _("Finance and assets")
        PARTY = "party", _("Party and mass organisations")
        SCIENCE = "science", _("Science and cooperation")
        OTHER = "other", _("Other")

    kind = models.CharField(
        _("form"), max_length=20, choices=Kind.choices, default=Kind.DECISION
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        help_text=_("As the document writes it, for example “10/KH-CĐNGT”."),
    )
    title = models.CharField(
        _("summary (trích yếu)"),
        max_length=500,
        help_text=_("What the document is about, as its first page says."),
    )
    issuer = models.ForeignKey(
        Unit,
        verbose_name=_("issuing unit of the college"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_documents",
    )
    issuer_name = models.CharField(
        _("issuing body outside the college"),
        max_length=200,
        blank=True,
        help_text=_("For example “UBND tỉnh Bắc Giang”, when no unit above fits."),
    )
    signer = models.CharField(
        _("signed by"),
        max_length=200,
        blank=True,
        help_text=_("As the document writes it, for example “Nguyễn Hoàng Quỳnh”."),
    )
    signer_person = models.ForeignKey(
        Person,
        verbose_name=_("signer's record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signed_documents",
    )
    # Empty only for a document brought in from a meeting that gave no date.
    issued_on = models.DateField(_("date issued"), null=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    field = models.CharField(
        pgettext_lazy("document field", "field"),
        max_length=20,
        choices=Field.choices,
        blank=True,
    )
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        validators=[validate_library_file],
        max_length=255,
        blank=True,
        help_text=_("PDF or Word; stored under a generated name."),
    )
    # Measured once when the file is stored: the page shows it without asking the
    # storage (a request to S3) for every view.
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Filled in from the number and summary when left empty."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Untick to keep the document out of the public library."),
    )
    # The number folded ("10/kh-cdngt"), for a search by number; and the number,
    # summary, issuer and signer folded, for a search by words.
    number_folded = models.CharField(
        max_length=80, editable=False, db_index=True, default=""
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = [F("issued_on").desc(nulls_last=True), "-pk"]
        indexes = [models.Index(fields=["is_public", "issued_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.number}"

    def save(self, *args, **kwargs):
        fill_derived_fields(self)
        if self.file and not self.file._committed:
            self.file_size = self.file.size
        elif not self.file:
            self.file_size = None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:document_detail", args=[self.slug])

    def autocomplete_label(self):
        """ "Kế hoạch số 10/KH-CĐNGT – 17/01/2024": numbers repeat across years."""
        if self.issued_on is None:
            return str(self)
        return f"{self} – {self.issued_on:%d/%m/%Y}"

    @property
    def issuer_label(self):
        """The college's unit that issued it, else the outside body's name."""
        return self.issuer.name if self.issuer_id else self.issuer_name

    @property
    def file_type(self):
        """ "PDF", "DOCX": what the visitor is about to download."""
        return extension(self.file.name).upper() if self.file else ""

    @property
    def content_type(self):
        return CONTENT_TYPES.get(extension(self.file.name), "") if self.file else ""
