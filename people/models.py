"""Who is who at the college: units, people and the positions people hold in units."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.image_fields import ProcessedImageField, ProcessedImagesMixin
from core.text import fold, person_sort_key, split_name, syllable_key, unique_slug
from people.ranks import MEMBER, OTHER, rank_of_title


class Unit(models.Model):
    """A part of the college: the board, a faculty, an office, a party cell, a union.

    Meetings are organised by units, people hold positions in them, and collectives
    receive awards, so a unit is a record of its own with a stable page.
    """

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        BOARD = "board", _("Board of rectors")
        FACULTY = "faculty", _("Faculty")
        OFFICE = "office", _("Office")
        CENTRE = "centre", _("Centre")
        PARTY = "party", _("Party committee or cell")
        TRADE_UNION = "trade_union", _("Trade union")
        YOUTH_UNION = "youth_union", _("Youth union")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        blank=True,
        help_text=_("For example “Phòng TCHC”."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OFFICE
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Filled in from the name when left empty."),
    )
    description = models.TextField(_("functions and duties"), blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    name_folded = models.CharField(
        max_length=300, editable=False, db_index=True, default=""
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.short_name = " ".join(self.short_name.split())
        self.name_folded = fold(f"{self.name} {self.short_name}")
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:unit_detail", args=[self.slug])

    @property
    def name_sort_key(self):
        """The name in the Vietnamese alphabet ("Đoàn" after "Dạy", before "Hội"),
        for ordering units of the same ``order``."""
        return [syllable_key(word) for word in self.name.split()]

    @property
    def english_name(self):
        """The English name, or the Vietnamese one where none is recorded."""
        return self.name_en or self.name


class Person(ProcessedImagesMixin, models.Model):
    """A person the portal names: a leader, a speaker, an author, an award winner.

    Names are written in many ways across years of articles, so the same person must be
    one record that editors can find by folded name and merge when duplicated.
    """

    full_name = models.CharField(_("full name"), max_length=120)
    honorific = models.CharField(
        _("degree or title"),
        max_length=40,
        blank=True,
        help_text=_("For example “TS.”, “ThS.”, “PGS.TS.”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("Filled in from the name when left empty."),
    )
    bio = models.TextField(_("biography"), blank=True)
    # Made by an import and not yet confirmed by an editor: kept off the public
    # site until the article it came with is published (news.importer).
    pending_import = models.BooleanField(
        _("awaiting an imported article"), default=False, editable=False
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # A person's own phone and e-mail are personal data: shown only with their
    # consent, else the organisation page gives their unit's.
    contacts_public = models.BooleanField(
        _("phone and email may be published"),
        default=False,
        help_text=_(
            "Only with the person's consent. Otherwise the organisation page "
            "shows the unit's phone and email."
        ),
    )
    # Processed like every image (core.image_fields): no GPS or camera data, a
    # generated name.
    portrait = ProcessedImageField(
        _("portrait"), folder="people", max_length=255, blank=True
    )
    sort_key = models.CharField(
        max_length=400, editable=False, db_index=True, default=""
    )
    name_folded = models.CharField(
        max_length=200, editable=False, db_index=True, default=""
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_key", "full_name", "pk"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = " ".join(self.full_name.split())
        self.honorific = self.honorific.strip()
        self.sort_key = person_sort_key(self.full_name)
        self.name_folded = fold(self.full_name)
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("people:person_detail", args=[self.slug])

    def autocomplete_label(self):
        """ "TS. Nguyễn Hoàng Quỳnh – Bí thư Đảng ủy; Hiệu trưởng": the same name
        belongs to several people, their positions tell them apart."""
        titles = [p.title for p in self.positions.all() if p.is_current]
        if not titles:
            return self.display_name
        return f"{self.display_name} – {'; '.join(titles)}"

    @property
    def display_name(self):
        """ "TS. Nguyễn Hoàng Quỳnh", as articles name people."""
        return f"{self.honorific} {self.full_name}".strip()

    @property
    def given_name(self):
        return split_name(self.full_name)[2]

    def positions_on(self, day=None):
        """Positions held on ``day`` (today when omitted), most senior first by order."""
        return self.positions.current(day)

    def position_text(self, day=None):
        """ "Bí thư Đảng uỷ, Hiệu trưởng": the titles held on ``day``, joined."""
        return ", ".join(p.label for p in self.positions_on(day))

    def possible_duplicates(self):
        """Other people whose names may be this person written differently.

        Folded names equal (tone marks or spelling differ), or the same middle and given
        names with another family name ("Ngô Thị Yến" and "Nguyễn Thị Yến").
        """
        family, middle, given = split_name(self.name_folded)
        candidates = Person.objects.exclude(pk=self.pk)
        same = Q(name_folded=self.name_folded)
        if given and middle:
            same |= Q(name_folded__endswith=f" {middle} {given}")
        return candidates.filter(same)


class PositionQuerySet(models.QuerySet):
    def current(self, day=None):
        day = day or timezone.localdate()
        return self.filter(Q(start__isnull=True) | Q(start__lte=day)).filter(
            Q(end__isnull=True) | Q(end__gte=day)
        )

    def by_rank(self):
        """Heads first, then deputies, members and the rest (``people.ranks``);
        within a rank people in the Vietnamese order of their given names."""
        return self.order_by("rank", "person__sort_key", "person__full_name", "pk")

    def leadership(self):
        """The heads, deputies and committee members of units."""
        return self.filter(rank__lte=MEMBER)


class Position(models.Model):
    """A title a person holds in a unit for a time: positions change, records stay.

    Articles name people by the position they held *then*; keeping start and end
    dates lets a page say what someone was at each meeting.
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="positions",
    )
    title = models.CharField(
        _("title"), max_length=150, help_text=_("For example “Phó Hiệu trưởng”.")
    )
    title_en = models.CharField(
        _("English title"),
        max_length=150,
        blank=True,
        help_text=_("For the English pages, for example “Vice Rector”."),
    )
    # Computed on save (people.ranks) so lists of leaders put the head first.
    rank = models.PositiveSmallIntegerField(
        _("rank"), editable=False, db_index=True, default=OTHER
    )
    rank_override = models.PositiveSmallIntegerField(
        _("rank (set by hand)"),
        null=True,
        blank=True,
        help_text=_(
            "Left empty, the rank follows from the title: 10 for a head (Hiệu "
            "trưởng, Trưởng phòng, Bí thư), 20 for a deputy (Phó …), 30 for a "
            "committee member, 90 for other titles. Lower numbers are listed first."
        ),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["order", "-start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="position_end_after_start",
                violation_error_message=_("A position cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.label}"

    def save(self, *args, **kwargs):
        self.rank = (
            self.rank_override
            if self.rank_override is not None
            else rank_of_title(self.title)
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "rank_override"} & {*update_fields}:
            kwargs["update_fields"] = {*update_fields, "rank"}
        super().save(*args, **kwargs)

    @property
    def label(self):
        # Titles are written whole, as articles write them ("Phó Bí thư Đoàn Thanh
        # niên"); the unit is a link beside them, not glued onto the text.
        return self.title

    @property
    def label_en(self):
        """The English title, or the Vietnamese one where none is recorded."""
        return self.title_en or self.title

    @property
    def contact_phone(self):
        """The holder's phone if they consented to publish it, else the unit's."""
        if self.person.contacts_public and self.person.phone:
            return self.person.phone
        return self.unit.phone if self.unit else ""

    @property
    def contact_email(self):
        """The holder's e-mail if they consented to publish it, else the unit's."""
        if self.person.contacts_public and self.person.email:
            return self.person.email
        return self.unit.email if self.unit else ""

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.start is None or self.start <= today) and (
            self.end is None or self.end >= today
        )
