"""Visitors' questions and feedback, and how to reach the college's office."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, models
from django.utils.translation import gettext_lazy as _

from core.text import fold, split_name

OFFICE_CACHE_KEY = "contact:office"
# What is known for certain of the college's address (its name and province); the
# office fills in the rest.
KNOWN_ADDRESS = "Trường Cao đẳng Ngô Gia Tự Bắc Giang, tỉnh Bắc Giang"
KNOWN_ADDRESS_EN = "Ngo Gia Tu College, Bac Giang, Bac Giang province, Viet Nam"
# A bound on anything changed behind the ORM's back (a restore, a raw UPDATE); a save
# in the admin empties the entry at once.
OFFICE_CACHE_SECONDS = 60 * 60


class Office(models.Model):
    """How to reach the college: the one row the office keeps up to date, shown in
    every page's footer and on the contact page (Decree 42/2022/NĐ-CP asks a public
    body's portal for its address, contacts and the person answerable for content).
    """

    # The only row's key: the admin shows its one form and never adds a second.
    SINGLETON_PK = 1

    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(
        _("office hours"),
        max_length=300,
        blank=True,
        help_text=_("For example “Monday to Friday, 7h30–11h30 and 13h30–17h00”."),
    )
    map_url = models.URLField(
        _("map link"),
        max_length=500,
        blank=True,
        help_text=_("The college's place on an online map (https://…)."),
    )
    content_officer_name = models.CharField(
        _("person responsible for the content"), max_length=150, blank=True
    )
    content_officer_position = models.CharField(
        _("their position"), max_length=200, blank=True
    )
    address_en = models.CharField(_("address in English"), max_length=300, blank=True)
    office_hours_en = models.CharField(
        _("office hours in English"), max_length=300, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self):
        return str(_("Contact details of the college"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The office's details, from the cache: one query when the cache is cold,
        none when it is warm. An empty, unsaved row when nobody has filled them in."""
        office = cache.get(OFFICE_CACHE_KEY)
        if office is None:
            try:
                office = cls.objects.filter(pk=cls.SINGLETON_PK).first() or cls()
            except DatabaseError:
                # A page shown while the database fails (a 404, a stored page's
                # neighbour) still renders: its footer just has no details.
                return cls()
            cache.set(OFFICE_CACHE_KEY, office, OFFICE_CACHE_SECONDS)
        return office

    def missing_fields(self):
        """The verbose names of the details still empty, which the public pages leave
        out and the admin asks the office to fill."""
        names = [
            "address",
            "phone",
            "email",
            "office_hours",
            "map_url",
            "content_officer_name",
            "content_officer_position",
            "address_en",
            "office_hours_en",
        ]
        return [
            self._meta.get_field(name).verbose_name
            for name in names
            if not getattr(self, name)
        ]


class MessageQuerySet(models.QuerySet):
    def published(self):
        """What visitors may read on the questions page: published by the office,
        with an answer."""
        return self.filter(is_published=True).exclude(answer="")


class Message(models.Model):
    """A visitor's question or feedback, sent through the contact page, answered by
    the office and, if the office chooses, published with its answer."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("question or feedback"), max_length=5000)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    answer = models.TextField(_("answer"), max_length=10000, blank=True)
    is_published = models.BooleanField(
        _("published on the questions page"),
        default=False,
        help_text=_(
            "The question and its answer are shown on the questions page, with the "
            "sender's given name only."
        ),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A keyed hash of the sender's address: enough to count their messages of the
    # last hour, useless for finding who they are. Never shown.
    sender_hash = models.CharField(max_length=64, editable=False, default="")
    # Name, contacts, subject and text folded, for the admin's search.
    search_text = models.TextField(editable=False, default="")
    # What the questions page shows (subject, question, answer) folded, for the
    # site's search: never the sender's name or contacts.
    public_text = models.TextField(editable=False, default="")

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("question or feedback")
        verbose_name_plural = _("questions and feedback")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(
                fields=["sender_hash", "received_at"], name="contact_msg_sender"
            ),
            models.Index(
                fields=["is_published", "-received_at"], name="contact_msg_public"
            ),
        ]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.search_text = fold(
            "\n".join([self.name, self.email, self.phone, self.subject, self.text])
        )
        self.public_text = fold("\n".join([self.subject, self.text, self.answer]))
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return self.is_published and bool(self.answer)

    @property
    def given_name(self):
        """The sender's given name, the last word of a Vietnamese name: all the
        questions page says of who asked."""
        return split_name(self.name)[2]
