"""The introduction's pages: what the college is for, its history, its achievements.

The office writes them in the admin, as rich text, in Vietnamese and optionally in
English (Decree 42/2022/NĐ-CP asks for an English version of the organisation's
functions). They are a few pages that change rarely, each with a stable address.
"""

import re

from ckeditor_uploader.fields import RichTextUploadingField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.html import clean_html
from core.text import fold, plain_text, unique_slug

# The end of a paragraph, list item, heading or line: a space when tags go.
BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|td|blockquote)>|<br\s*/?>)", re.I)


class IntroPageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_english(self):
        """Published pages with an English version."""
        return self.published().exclude(title_en="").exclude(body_en="")


class IntroPage(models.Model):
    """One page of the introduction ("Chức năng, nhiệm vụ", "Lịch sử phát triển")."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("Filled in from the title when left empty."),
    )
    body = RichTextUploadingField(_("body"), blank=True)
    title_en = models.CharField(
        _("English title"),
        max_length=200,
        blank=True,
        help_text=_("The page has an English version when both title and body are."),
    )
    body_en = RichTextUploadingField(_("English body"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Title folded, so the admin finds "Lịch sử" as "lich su".
    title_folded = models.CharField(max_length=300, editable=False, default="")

    objects = IntroPageQuerySet.as_manager()

    class Meta:
        verbose_name = _("introduction page")
        verbose_name_plural = _("introduction pages")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = " ".join(self.title.split())
        self.title_en = " ".join(self.title_en.split())
        # Pasted from Word or typed in the editor, stored only once cleaned.
        self.body = clean_html(self.body)
        self.body_en = clean_html(self.body_en)
        self.title_folded = fold(f"{self.title} {self.title_en}")
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("intro_page", args=[self.slug])

    def get_english_url(self):
        return reverse("en_about", args=[self.slug])

    @property
    def has_english(self):
        return bool(self.title_en and self.body_en)

    @property
    def text(self):
        """The body's words, paragraphs apart: for the index and the description."""
        return plain_text(BLOCK_END.sub(r"\1 ", self.body))

    @property
    def text_en(self):
        return plain_text(BLOCK_END.sub(r"\1 ", self.body_en))
