"""Who the college honoured: emulation movements and the awards given under them."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import fold
from events.models import Meeting
from people.models import Person, Unit


class Campaign(models.Model):
    """An emulation movement (phong trào thi đua) that awards are given under."""

    name = models.CharField(_("name"), max_length=300)
    period = models.CharField(
        _("period"),
        max_length=40,
        blank=True,
        help_text=_("For example “2023” or “2021–2025”."),
    )
    launched_by = models.ForeignKey(
        Unit,
        verbose_name=_("launched by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
    )
    description = models.TextField(_("description"), blank=True)
    # Name and period folded, so the admin finds "Thi đua" as "thi dua".
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-period", "name"]

    def __str__(self):
        return f"{self.name} ({self.period})" if self.period else self.name

    def save(self, *args, **kwargs):
        self.fold_search_text()
        super().save(*args, **kwargs)

    def fold_search_text(self):
        self.search_text = fold(f"{self.name}\n{self.period}")


class AwardQuerySet(models.QuerySet):
    def public(self):
        """What visitors may see: not an import's award awaiting its article."""
        return self.filter(pending_import=False)

    def ranked(self):
        """Highest form of award first, in the order of ``Award.Kind``; people
        of the same form in the Vietnamese order of their given names."""
        order = models.Case(
            *[
                models.When(kind=kind, then=rank)
                for rank, kind in enumerate(Award.Kind.values)
            ],
            default=len(Award.Kind.values),
        )
        return self.order_by(order, "recipient_person__sort_key", "pk")


class Award(models.Model):
    """An honour given to one person or one collective, under the Law on Emulation and
    Commendation, usually announced at a meeting such as the annual review."""

    class Kind(models.TextChoices):
        # The forms named by the Law on Emulation and Commendation are legal terms with
        # no translation to make: they are written as the law writes them.
        ORDER_OF_LABOUR = "order_of_labour", "Huân chương Lao động"
        PM_CERTIFICATE = "pm_certificate", "Bằng khen của Thủ tướng Chính phủ"
        CERTIFICATE_OF_MERIT = "certificate_of_merit", "Bằng khen"
        EMULATION_FLAG = "emulation_flag", "Cờ thi đua"
        PROVINCIAL_FIGHTER = "provincial_fighter", "Chiến sĩ thi đua cấp tỉnh"
        GRASSROOTS_FIGHTER = "grassroots_fighter", "Chiến sĩ thi đua cơ sở"
        EXCELLENT_COLLECTIVE = "excellent_collective", "Tập thể lao động xuất sắc"
        ADVANCED_COLLECTIVE = "advanced_collective", "Tập thể lao động tiên tiến"
        ADVANCED_WORKER = "advanced_worker", "Lao động tiên tiến"
        CERTIFICATE = "certificate", "Giấy khen"
        OTHER = "other", _("Other")

    kind = models.CharField(_("form of award"), max_length=30, choices=Kind.choices)
    title = models.CharField(
        _("achievement"),
        max_length=300,
        blank=True,
        help_text=_("For example “Đã có thành tích xuất sắc trong năm học 2022–2023”."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        db_index=True,
    )
    recipient_person = models.ForeignKey(
        Person,
        verbose_name=_("person honoured"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective honoured"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(
        _("issued by"),
        max_length=200,
        blank=True,
        help_text=_("For example “Chủ tịch UBND tỉnh Bắc Giang”."),
    )
    citation = models.TextField(_("citation"), blank=True)
    # Made by an import and not yet confirmed by an editor: kept off the public
    # site until the article it came with is published (news.importer).
    pending_import = models.BooleanField(
        _("awaiting an imported article"), default=False, editable=False
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("emulation movement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("presented at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
    )

    # Title, decision number and citation folded for the admin's search.
    search_text = models.TextField(editable=False, default="")

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(recipient_person__isnull=False) & Q(recipient_unit__isnull=True)
                )
                | (Q(recipient_person__isnull=True) & Q(recipient_unit__isnull=False)),
                name="award_has_exactly_one_recipient",
                violation_error_message=_(
                    "An award goes to one person or one collective: choose exactly one."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1950) & Q(year__lte=2100),
                name="award_year_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year} – {self.recipient}"

    def save(self, *args, **kwargs):
        self.fold_search_text()
        super().save(*args, **kwargs)

    def fold_search_text(self):
        self.search_text = fold(
            f"{self.title}\n{self.decision_number}\n{self.citation}"
        )

    @property
    def recipient(self):
        return self.recipient_person or self.recipient_unit

    @property
    def is_collective(self):
        return self.recipient_unit_id is not None
