"""The desk's workflow never loses work: each button saves the form first; an
editor sends an article back with a note the reporter reads; a reporter withdraws a
submission; states read Nháp, Cần sửa, Chờ duyệt, Đã hẹn giờ, Đã xuất bản."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from news.models import Article, ArticleEvent
from news.roles import REPORTER
from tests.factories import HANOI, ArticleFactory, role_user
from tests.news.test_history import form_data
from tests.news.test_workflow import actions_of, step_url

pytestmark = pytest.mark.django_db

SCHEDULED_AT = datetime.datetime(2031, 1, 15, 8, 0, tzinfo=HANOI)


def change_url(article):
    return reverse("admin:news_article_change", args=[article.pk])


def whole_form(client, article, **overrides):
    """The change form as the browser sends it with a workflow button."""
    form = client.get(change_url(article)).context["adminform"].form
    return form_data(form, _whole_form="1", **overrides)


def texts_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------- save, then step


def test_submitting_saves_the_edit_first(client, reporter):
    """The reporter corrects the title and clicks "Gửi duyệt": the correction is
    kept and the article is in review, in one step."""
    article = ArticleFactory(author=reporter, title="Hội nghi tổng kêt")
    data = whole_form(client, article, title="Hội nghị tổng kết năm 2024")

    response = client.post(step_url(article, "submit"), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Hội nghị tổng kết năm 2024", "review")
    assert actions_of(article) == [("submitted", "phongvien")]
    assert "“Hội nghị tổng kết năm 2024”: đã lưu nội dung sửa." in texts_of(response)


def test_a_form_with_errors_is_shown_again_and_nothing_moves(client, reporter):
    """An emptied title: the form comes back with its error, the article stays a
    draft, and the next plain save goes to the change form, not to the step."""
    article = ArticleFactory(author=reporter, title="Bài đang viết")
    data = whole_form(client, article, title="")

    response = client.post(step_url(article, "submit"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["title"]
    assert f'action="{change_url(article)}"' in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài đang viết", "draft")
    assert not article.events.exists()


def test_a_step_refused_after_the_save_undoes_the_save(client, reporter):
    """A reporter's form sent to "publish": 403, and the edit that came with it is
    not saved either."""
    article = ArticleFactory(author=reporter, title="Bài của phóng viên")
    data = whole_form(client, article, title="Sửa lén")

    response = client.post(step_url(article, "publish"), data)

    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Bài của phóng viên", "draft")


def test_the_editor_edits_and_publishes_in_one_click(client, editor):
    """The editor fixes a word and clicks "Xuất bản ngay"."""
    article = ArticleFactory(status="review", summary="Tóm tắt cũ")
    data = whole_form(client, article, summary="Tóm tắt đã sửa")

    assert client.post(step_url(article, "publish"), data).status_code == 302

    article.refresh_from_db()
    assert article.summary == "Tóm tắt đã sửa"
    assert article.is_public
    assert actions_of(article) == [("published", "bientap")]


def test_a_schedule_is_written_day_first(client, editor):
    """ "15/01/2031 08:00" schedules for 15 January 2031 at 8 o'clock, Hanoi time."""
    article = ArticleFactory(status="review")
    data = whole_form(client, article, schedule_at="15/01/2031 08:00")

    client.post(step_url(article, "schedule"), data)

    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", SCHEDULED_AT)
    assert article.state == Article.State.SCHEDULED


@pytest.mark.parametrize("written", ["2031-15-01 08:00", "15/01/2031", "mai", ""])
def test_a_schedule_that_is_no_date_saves_the_edit_and_says_how(
    client, editor, written
):
    """A time the desk cannot read: the edit is saved, the article stays in review,
    and the message shows the way to write it."""
    article = ArticleFactory(status="review", summary="Cũ")
    data = whole_form(client, article, summary="Mới", schedule_at=written)

    response = client.post(step_url(article, "schedule"), data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.summary, article.status) == ("Mới", "review")
    assert "Hãy nhập ngày giờ xuất bản, dạng 31/01/2024 14:00." in texts_of(response)


# ---------------------------------------------------------------- send back, withdraw


def test_the_editor_sends_an_article_back_with_a_note(client, editor):
    """ "Yêu cầu sửa": back to the author as a draft, the note kept on the article
    and in its history; submitting again clears it."""
    reporter = role_user(REPORTER, "phongvien")
    article = ArticleFactory(author=reporter, status="review")
    data = whole_form(client, article, send_back_note="Thiếu tên người chủ trì.")

    client.post(step_url(article, "send_back"), data)

    article.refresh_from_db()
    assert article.status == "draft"
    assert article.state == Article.State.RETURNED
    assert article.review_note == "Thiếu tên người chủ trì."
    event = article.events.get()
    assert (event.action, event.note) == ("returned", "Thiếu tên người chủ trì.")

    client.force_login(reporter)
    page = client.get(change_url(article)).content.decode()
    assert "Thiếu tên người chủ trì." in page
    assert "Cần sửa" in page
    client.post(step_url(article, "submit"))
    article.refresh_from_db()
    assert (article.status, article.review_note) == ("review", "")


def test_sending_back_needs_a_note(client, editor):
    """No note, no sending back: the article stays in review, with a message."""
    article = ArticleFactory(status="review")

    response = client.post(step_url(article, "send_back"), {"send_back_note": "  "})

    article.refresh_from_db()
    assert article.status == "review"
    assert "Hãy ghi điều tác giả cần sửa trước khi trả bài." in texts_of(response)


def test_a_reporter_cannot_send_back(client, reporter):
    """Sending back is the editor's: 403 for a reporter, on their own article."""
    article = ArticleFactory(author=reporter, status="review")
    response = client.post(step_url(article, "send_back"), {"send_back_note": "x"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == "review"


def test_the_reporter_withdraws_their_submission(client, reporter):
    """ "Rút lại bài gửi duyệt" brings their article back to draft, to write on."""
    article = ArticleFactory(author=reporter, status="review")
    page = client.get(change_url(article)).content.decode()
    assert step_url(article, "withdraw") in page

    client.post(step_url(article, "withdraw"), {"_whole_form": "1"})

    article.refresh_from_db()
    assert article.status == "draft"
    assert actions_of(article) == [("withdrawn", "phongvien")]


def test_only_the_author_withdraws(client, reporter):
    """Another reporter's submission, or one already published, cannot be withdrawn."""
    other = ArticleFactory(author=role_user(REPORTER, "phongvien2"), status="review")
    published = ArticleFactory(author=reporter, status="published")
    for article in (other, published):
        assert client.post(step_url(article, "withdraw")).status_code == 403
        status = article.status
        article.refresh_from_db()
        assert article.status == status


def test_in_review_the_reporter_reads_the_body_not_its_html(client, reporter):
    """Read-only for its reporter while in review, the body is shown as it reads,
    and still cleaned."""
    article = ArticleFactory(
        author=reporter, status="review", body="<p><strong>Đậm</strong> và thường</p>"
    )
    Article.objects.filter(pk=article.pk).update(
        body="<p><strong>Đậm</strong></p><script>alert(1)</script>"
    )

    page = client.get(change_url(article)).content.decode()

    assert "<strong>Đậm</strong>" in page
    assert "&lt;strong&gt;" not in page
    assert "alert(1)" not in page


# ---------------------------------------------------------------- states


def test_the_list_names_every_state(client, editor):
    """Nháp, Cần sửa, Chờ duyệt, Đã hẹn giờ and Đã xuất bản, as the desk says them;
    a scheduled article is not "Đã xuất bản"."""
    now = timezone.now()
    ArticleFactory(title="Bài nháp")
    ArticleFactory(title="Bài trả lại", review_note="Sửa ảnh bìa.")
    ArticleFactory(title="Bài chờ", status="review")
    ArticleFactory(
        title="Bài hẹn", status="published", published_at=now + datetime.timedelta(1)
    )
    ArticleFactory(
        title="Bài đăng", status="published", published_at=now - datetime.timedelta(1)
    )

    response = client.get(reverse("admin:news_article_changelist"))
    rows = {
        row.title: response.context["cl"].model_admin.state(row)
        for row in response.context["cl"].result_list
    }

    assert rows == {
        "Bài nháp": "Nháp",
        "Bài trả lại": "Cần sửa",
        "Bài chờ": "Chờ duyệt",
        "Bài hẹn": "Đã hẹn giờ",
        "Bài đăng": "Đã xuất bản",
    }
    html = response.content.decode()
    for label in rows.values():
        assert label in html


def test_history_events_are_in_vietnamese():
    """The new steps have Vietnamese names in the history."""
    assert ArticleEvent.Action.RETURNED.label == "Trả lại để sửa"
    assert ArticleEvent.Action.WITHDRAWN.label == "Tác giả rút lại"
