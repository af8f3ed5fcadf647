"""An editor marks a photo's focal point in the caption grid and the public
gallery's phone thumbnail keeps that corner; deleting a photo an article uses
says so in the confirmation, in a real browser."""

import pytest
from django.urls import reverse

from events.models import FocalPoint, Photo
from tests.factories import ArticleFactory, MeetingFactory, PhotoFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def grid_card(page, photo):
    return page.locator(f'[data-caption-card][data-photo-id="{photo.pk}"]')


def wait_for_new_version(card, before):
    """Until the card's save is answered: a new version and the status "saved"."""
    card.page.wait_for_function(
        """([id, before]) => {
          const li = document.querySelector(`[data-photo-id="${id}"]`);
          const status = li.querySelector('[data-caption-status]').dataset.state;
          return li.dataset.version !== before && status === 'saved';
        }""",
        arg=[card.get_attribute("data-photo-id"), before],
    )


def object_position(page, caption):
    image = page.locator(".gallery").get_by_role("img", name=caption)
    return image.evaluate("img => getComputedStyle(img).objectPosition")


def test_focal_point_picked_in_the_grid_steers_the_phone_thumbnail(
    page, live_server, admin_login, open_page, browser_problems
):
    """At 1366×768 the editor picks "Trên bên trái" on a card: it saves at once.
    On a 390×844 phone the meeting's gallery crops that photo to a square from
    its top left corner (object-position 0% 0%), the other from its centre."""
    page.set_viewport_size({"width": 1366, "height": 768})
    meeting = MeetingFactory()
    speaker = PhotoFactory(meeting=meeting, order=1, caption="Diễn giả bên trái")
    PhotoFactory(meeting=meeting, order=2, caption="Quang cảnh hội trường")
    admin_login()
    problems = browser_problems(page)
    page.goto(
        live_server.url + reverse("admin:events_meeting_captions", args=[meeting.pk])
    )
    card = grid_card(page, speaker)
    version = card.get_attribute("data-version")
    point = card.get_by_role("radio", name="Trên bên trái")
    point.click()
    wait_for_new_version(card, version)
    assert point.is_checked()
    speaker.refresh_from_db()
    assert speaker.focal_point == FocalPoint.TOP_LEFT
    # The keyboard moves along the points too: arrow right is "Trên", left back.
    point.press("ArrowRight")
    wait_for_new_version(card, version)
    assert card.get_by_role("radio", name="Trên", exact=True).is_checked()
    version = card.get_attribute("data-version")
    card.get_by_role("radio", name="Trên", exact=True).press("ArrowLeft")
    wait_for_new_version(card, version)
    assert point.is_checked()
    speaker.refresh_from_db()
    assert speaker.focal_point == FocalPoint.TOP_LEFT
    assert problems.take() == []

    phone = open_page(390, 844)
    phone.goto(live_server.url + meeting.get_absolute_url())
    phone.wait_for_function(
        "() => document.querySelector('.gallery img.focus-top-left') !== null"
    )
    assert object_position(phone, "Diễn giả bên trái") == "0% 0%"
    assert object_position(phone, "Quang cảnh hội trường") == "50% 50%"
    thumb = phone.locator(".gallery").get_by_role("img", name="Diễn giả bên trái")
    box = thumb.bounding_box()
    assert abs(box["width"] - box["height"]) < 1  # a square on a phone


def test_deleting_a_cover_photo_in_the_grid_names_the_article_first(
    page, live_server, admin_login
):
    """The confirmation of a photo that is an article's cover says so, and that
    the article falls back to the meeting's cover; declined, nothing is deleted.
    An unused photo gets the plain confirmation."""
    page.set_viewport_size({"width": 1366, "height": 768})
    meeting = MeetingFactory()
    cover = PhotoFactory(meeting=meeting, order=1, caption="Ảnh bìa bài viết")
    plain = PhotoFactory(meeting=meeting, order=2, caption="Ảnh chưa dùng")
    ArticleFactory(title="Tin khai giảng", cover_photo=cover)
    admin_login()
    page.goto(
        live_server.url + reverse("admin:events_meeting_captions", args=[meeting.pk])
    )
    messages = []

    def decline(dialog):
        messages.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    grid_card(page, cover).get_by_role("button", name="Xóa").click()
    assert len(messages) == 1
    assert messages[0].startswith("Ảnh này đang là ảnh bìa của 1 bài viết.")
    assert "ảnh bìa của sự kiện" in messages[0]
    assert "Vẫn xóa ảnh" in messages[0]
    assert grid_card(page, cover).is_visible()
    assert Photo.objects.filter(pk=cover.pk).exists()

    page.once("dialog", decline)
    grid_card(page, plain).get_by_role("button", name="Xóa").click()
    assert len(messages) == 2
    assert "bài viết" not in messages[1]
    assert Photo.objects.filter(pk=plain.pk).exists()
