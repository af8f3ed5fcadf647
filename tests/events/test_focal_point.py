"""A photo's focal point (Photo.focal_point): the {% photo %} tag's class, the
caption grid's control and save, the photo's own form."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse

from events.caption_grid import version
from events.models import FocalPoint, Photo
from tests.events.test_caption_grid import grid_url, save
from tests.events.test_captions import photo_form
from tests.factories import MeetingFactory, PhotoFactory

pytestmark = pytest.mark.django_db


def render(photo, **options):
    extra = " ".join(f'{name}="{value}"' for name, value in options.items())
    template = Template("{% load photos %}{% photo photo " + extra + " %}")
    return template.render(Context({"photo": photo}))


def test_a_new_photo_is_centred():
    """Nothing chosen means the centre, as every crop did before."""
    assert PhotoFactory().focal_point == FocalPoint.CENTER


def test_tag_adds_no_focus_class_for_the_centre():
    """A centred photo's img carries no focus class at all."""
    html = render(PhotoFactory())
    assert "focus-" not in html
    assert "class=" not in html


def test_tag_adds_the_focus_class_for_another_point():
    """A photo whose subject is at the top left carries ``focus-top-left``."""
    html = render(PhotoFactory(focal_point=FocalPoint.TOP_LEFT))
    assert 'class="focus-top-left"' in html


def test_tag_keeps_the_callers_class_with_the_focus_class():
    """A class asked for by the page stays, followed by the focus class."""
    photo = PhotoFactory(focal_point=FocalPoint.BOTTOM_RIGHT)
    assert 'class="caption-card-image focus-bottom-right"' in render(
        photo, css_class="caption-card-image"
    )


def test_every_point_but_the_centre_has_a_rule_in_the_site_stylesheet():
    """Each class the tag can write is mapped to an object-position in site.css."""
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    for point in FocalPoint:
        if point != FocalPoint.CENTER:
            assert f"img.focus-{point.value} {{ object-position:" in css


def test_grid_card_shows_the_nine_points_with_the_saved_one_checked(client, editor):
    """Each card has the nine points, labelled in Vietnamese, the saved one checked."""
    photo = PhotoFactory(focal_point=FocalPoint.LEFT)
    page = client.get(grid_url(photo.meeting)).content.decode()
    assert page.count('name="focal_point"') == 9
    assert 'aria-label="Trên bên trái"' in page
    assert 'value="left" aria-label="Bên trái" title="Bên trái" checked' in page
    assert "Điểm nhấn" in page


def test_grid_save_stores_the_focal_point(client, editor):
    """A card saved with "top-left" stores it, with a new version."""
    photo = PhotoFactory(caption="Diễn giả bên trái")
    response = save(client, photo, focal_point="top-left")
    assert response.status_code == 200
    photo.refresh_from_db()
    assert photo.focal_point == FocalPoint.TOP_LEFT
    assert response.json()["photo"]["focal_point"] == "top-left"
    assert response.json()["photo"]["version"] == version(photo)


def test_grid_save_without_a_focal_point_keeps_the_photos(client, editor):
    """A card sent without the field (a page opened before it existed) keeps the
    stored point rather than failing or resetting it."""
    photo = PhotoFactory(focal_point=FocalPoint.BOTTOM)
    assert save(client, photo, caption="Mới").status_code == 200
    photo.refresh_from_db()
    assert photo.focal_point == FocalPoint.BOTTOM
    assert photo.caption == "Mới"


def test_grid_save_refuses_an_unknown_point_in_vietnamese(client, editor):
    """An unknown point is a 400 in Vietnamese and changes nothing, not even the
    caption sent with it."""
    photo = PhotoFactory(caption="Cũ")
    before = version(photo)
    response = save(client, photo, caption="Mới", focal_point="middle")
    assert response.status_code == 400
    assert response.json()["error"] == (
        "Điểm nhấn: Hãy chọn một trong chín điểm của ảnh."
    )
    photo.refresh_from_db()
    assert (photo.caption, photo.focal_point) == ("Cũ", FocalPoint.CENTER)
    assert version(photo) == before


def test_grid_save_of_a_point_is_refused_on_a_stale_version(client, editor):
    """The focal point goes through the same version check: 409, nothing saved."""
    photo = PhotoFactory()
    loaded = version(photo)
    Photo.objects.get(pk=photo.pk).save()  # someone else saves it meanwhile
    response = save(client, photo, focal_point="right", version=loaded)
    assert response.status_code == 409
    photo.refresh_from_db()
    assert photo.focal_point == FocalPoint.CENTER


def test_focal_point_is_on_the_photos_own_form(client, editor):
    """The photo's change form offers the nine points in Vietnamese and saves one."""
    photo = PhotoFactory(caption="Ảnh")
    url = reverse("admin:events_photo_change", args=[photo.pk])
    page = client.get(url).content.decode()
    assert 'name="focal_point"' in page
    assert "Dưới bên phải" in page


def test_focal_point_is_kept_in_the_history():
    """Changing the point is recorded like a caption change."""
    photo = PhotoFactory(meeting=MeetingFactory())
    photo.focal_point = FocalPoint.TOP
    photo.save()
    assert photo.history.first().focal_point == FocalPoint.TOP


def test_photos_own_form_saves_the_point_and_refuses_an_unknown_one(client, editor):
    """Saved from the change form, the point is stored; an unknown one is shown
    as an error in Vietnamese and nothing changes."""
    photo = PhotoFactory(caption="Ảnh")
    url = reverse("admin:events_photo_change", args=[photo.pk])
    refused = client.post(url, photo_form(photo, focal_point="middle"))
    assert refused.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in refused.content.decode()
    photo.refresh_from_db()
    assert photo.focal_point == FocalPoint.CENTER
    assert client.post(url, photo_form(photo, focal_point="right")).status_code == 302
    photo.refresh_from_db()
    assert photo.focal_point == FocalPoint.RIGHT
