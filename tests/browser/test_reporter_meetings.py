"""A reporter in Chromium: their own meeting is theirs to edit and to upload photos
to; another's opens read-only, with nothing to save and no upload link."""

import pytest
from django.urls import reverse

from events.models import Meeting
from news.roles import REPORTER
from tests.browser.conftest import PASSWORD, BrowserProblems, log_in
from tests.factories import MeetingFactory, role_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.browser.urls"),
]


def reporter_account():
    user = role_user(REPORTER, "phongvien")
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.mark.parametrize(
    ("width", "height"), [(1366, 768), (390, 844)], ids=["desktop", "phone"]
)
def test_a_reporter_edits_their_meeting_and_reads_anothers(
    open_page, live_server, width, height
):
    """The reporter renames their meeting and saves; its "Tải ảnh lên" link opens
    the upload page. Another's meeting shows its title but no save button and no
    upload link."""
    reporter = reporter_account()
    own = MeetingFactory(created_by=reporter, title="Hội nghị cũ")
    other = MeetingFactory(title="Hội nghị của phòng khác")
    page = open_page(width, height)
    problems = BrowserProblems(page, live_server.url)
    log_in(page, live_server, reporter)

    page.goto(live_server.url + reverse("admin:events_meeting_change", args=[own.pk]))
    page.fill("#id_title", "Hội nghị tổng kết công tác năm 2024")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    own.refresh_from_db()
    assert own.title == "Hội nghị tổng kết công tác năm 2024"
    page.get_by_role("link", name="Tải ảnh lên").click()
    page.wait_for_url(
        live_server.url + reverse("admin:events_meeting_upload_photos", args=[own.pk])
    )

    page.goto(live_server.url + reverse("admin:events_meeting_change", args=[other.pk]))
    assert "Hội nghị của phòng khác" in page.content()
    assert page.locator("input[name=_save], input[name=_continue]").count() == 0
    assert page.get_by_role("link", name="Tải ảnh lên").count() == 0
    assert Meeting.objects.get(pk=other.pk).title == "Hội nghị của phòng khác"
    # Chromium asks for /favicon.ico by itself; the test server has none.
    assert [p for p in problems.take() if "/favicon.ico" not in p] == []
