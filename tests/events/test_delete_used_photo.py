"""Deleting a photo that articles use says so first: on the caption grid's card
(its confirmation) and on Django's delete confirmation page (events.usage)."""

import pytest
from django.urls import reverse

from events.models import Photo
from events.usage import deletion_warning, uses_of
from tests.events.test_caption_grid import grid_url
from tests.factories import ArticleFactory, MeetingFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def in_body(photo, title="Bài có ảnh trong nội dung"):
    return ArticleFactory(
        title=title, body=f'<p><img src="{photo.image.url}" alt="Ảnh"></p>'
    )


def cards_by_photo(client, meeting):
    response = client.get(grid_url(meeting))
    return {card["photo"].pk: card for card in response.context["cards"]}, (
        response.content.decode()
    )


def test_card_of_a_used_photo_carries_where_it_is_used(client, editor):
    """A cover of one article shown in two bodies: the card's delete confirmation
    names both uses and says the cover falls back to the meeting's."""
    meeting = MeetingFactory()
    used = PhotoFactory(meeting=meeting)
    ArticleFactory(title="Bài có ảnh bìa", cover_photo=used)
    in_body(used, "Bài một")
    in_body(used, "Bài hai")
    cards, page = cards_by_photo(client, meeting)
    warning = cards[used.pk]["delete_warning"]
    assert warning.startswith(
        "Ảnh này đang là ảnh bìa của 1 bài viết và xuất hiện trong 2 bài viết."
    )
    assert "ảnh bìa của sự kiện" in warning
    assert f'data-delete-warning="{warning}"' in page
    assert "{uses} Vẫn xóa ảnh {name}?" in page


def test_card_of_an_unused_photo_carries_no_warning(client, editor):
    """A photo shown only in its meeting's gallery is deleted with the plain
    confirmation: no usage on its card."""
    meeting = MeetingFactory()
    unused = PhotoFactory(meeting=meeting)
    ArticleFactory(title="Bài không liên quan")
    cards, page = cards_by_photo(client, meeting)
    assert cards[unused.pk]["delete_warning"] == ""
    assert "data-delete-warning" not in page


def test_warning_for_a_body_only_use_says_the_image_goes_missing():
    """In a body only: the text will show a missing image; covers are not named."""
    photo = PhotoFactory()
    in_body(photo)
    photo = Photo.objects.select_related("meeting").get(pk=photo.pk)
    warning = deletion_warning(uses_of([photo])[photo.pk])
    assert warning == (
        "Ảnh này xuất hiện trong 1 bài viết. "
        "Nội dung bài viết sẽ hiện ảnh lỗi ở chỗ đặt ảnh này."
    )


def test_an_article_counted_once_even_with_the_photo_twice_in_its_body():
    """Two renditions of the same photo in one body are one article."""
    photo = PhotoFactory()
    ArticleFactory(
        body=f'<p><img src="{photo.image.url}"></p><p><img src="{photo.image.url}"></p>'
    )
    photo = Photo.objects.select_related("meeting").get(pk=photo.pk)
    assert deletion_warning(uses_of([photo])[photo.pk]).startswith(
        "Ảnh này xuất hiện trong 1 bài viết."
    )


def test_admin_delete_page_lists_the_articles_using_the_photo(client, editor):
    """Django's delete confirmation for a photo lists the article it is the cover
    of, with the fallback to the meeting's cover said."""
    photo = PhotoFactory()
    article = ArticleFactory(title="Khai giảng năm học mới", cover_photo=photo)
    url = reverse("admin:events_photo_delete", args=[photo.pk])
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Khai giảng năm học mới" in page
    assert reverse("admin:news_article_change", args=[article.pk]) in page
    assert "Ảnh bìa của bài viết: <a" in page
    assert "Ảnh này đang là ảnh bìa của 1 bài viết." in page
    assert "ảnh bìa của sự kiện" in page


def test_admin_delete_page_of_an_unused_photo_has_no_uses(client, editor):
    """An unused photo's confirmation is Django's own, with no uses section."""
    photo = PhotoFactory()
    response = client.get(reverse("admin:events_photo_delete", args=[photo.pk]))
    assert response.status_code == 200
    assert 'id="photo-uses"' not in response.content.decode()


def test_deleting_a_cover_leaves_the_article_on_the_meetings_cover(client, editor):
    """Confirmed, the deletion goes through; the article keeps no dangling cover."""
    photo = PhotoFactory()
    article = ArticleFactory(cover_photo=photo)
    url = reverse("admin:events_photo_delete", args=[photo.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    article.refresh_from_db()
    assert article.cover_photo is None
