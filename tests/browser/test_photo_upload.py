"""An editor uploads several photos at once in a real browser."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from events.models import Photo
from tests.factories import MeetingFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
]


def write_jpeg(path, size, colour):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())
    return path


def test_three_files_uploaded_at_once_one_refused(
    page, live_server, admin_login, tmp_path
):
    """Two photos and a text file named .jpg are sent together: the photos are
    saved, the text file gets the server's Vietnamese reason, the overall bar
    fills, and the editor is offered the way to the captions."""
    meeting = MeetingFactory()
    files = [
        write_jpeg(tmp_path / "hoi-truong.jpg", (1600, 1200), "navy"),
        tmp_path / "ghi-chu.jpg",
        write_jpeg(tmp_path / "dai-bieu.jpg", (1200, 1600), "darkred"),
    ]
    files[1].write_text("Đây là ghi chú, không phải ảnh.", encoding="utf-8")
    admin_login()
    page.goto(
        live_server.url
        + reverse("admin:events_meeting_upload_photos", args=[meeting.pk])
    )

    page.set_input_files("input[type=file]", [str(path) for path in files])

    finished = page.locator(
        ".photo-upload-files li[data-state=done],"
        " .photo-upload-files li[data-state=failed]"
    )
    finished.nth(2).wait_for(timeout=30_000)
    assert finished.count() == 3
    rows = {
        row.locator(".photo-upload-name").evaluate("n => n.firstChild.textContent"): (
            row.get_attribute("data-state"),
            row.locator(".photo-upload-status").inner_text(),
        )
        for row in page.locator(".photo-upload-files li").all()
    }
    assert rows["hoi-truong.jpg"] == ("done", "Xong")
    assert rows["dai-bieu.jpg"] == ("done", "Xong")
    state, message = rows["ghi-chu.jpg"]
    assert state == "failed"
    assert "không phải là ảnh" in message

    overall = page.locator("#photo-upload-overall")
    assert overall.evaluate("bar => bar.max > 1 && bar.value === bar.max")
    link = page.get_by_role("link", name="Viết chú thích cho ảnh")
    assert link.is_visible()
    assert link.get_attribute("href").endswith(
        reverse("admin:events_meeting_captions", args=[meeting.pk])
    )
    summary = page.locator("[data-photo-upload-summary]").inner_text()
    assert "2/3" in summary and "1 tệp lỗi" in summary
    assert sorted(Photo.objects.filter(meeting=meeting).values_list("order")) == [
        (1,),
        (2,),
    ]
    assert set(
        Photo.objects.filter(meeting=meeting).values_list("original_name", flat=True)
    ) == {"hoi-truong.jpg", "dai-bieu.jpg"}


def test_photos_dropped_on_the_zone_are_uploaded(page, live_server, admin_login):
    """Files dropped on the zone are uploaded like chosen ones; the zone's file
    input is reachable with the keyboard."""
    meeting = MeetingFactory()
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(buffer, "JPEG")
    admin_login()
    page.goto(
        live_server.url
        + reverse("admin:events_meeting_upload_photos", args=[meeting.pk])
    )
    # The admin's skip link leads past the sidebar, as a keyboard user would go.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hash === '#content-start'")
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'file'"):
            break
    assert page.evaluate("document.activeElement.multiple === true")

    page.evaluate(
        """([bytes, name]) => {
            const data = new DataTransfer();
            const file = new File([new Uint8Array(bytes)], name, {type: 'image/jpeg'});
            data.items.add(file);
            const zone = document.querySelector('.photo-upload-zone');
            zone.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true}));
        }""",
        [list(buffer.getvalue()), "tha-vao.jpg"],
    )

    page.locator(".photo-upload-files li[data-state=done]").wait_for(timeout=30_000)
    assert page.get_by_role("link", name="Viết chú thích cho ảnh").is_visible()
    assert Photo.objects.get(meeting=meeting).original_name == "tha-vao.jpg"
