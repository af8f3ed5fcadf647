"""Categories and articles: reports of the meetings, then years of the college's other
news, with a few drafts, articles waiting for review and scheduled ones."""

import contextlib
import datetime

from django.utils import timezone

from core.html import clean_html
from core.text import fold, plain_text
from demo.content import CATEGORIES
from devtools.bench_data.common import (
    ACTIVITIES,
    BATCH_SIZE,
    SCHOOL,
    TOPICS,
    SlugPool,
    capitalise,
    date_text,
)
from events.models import Meeting
from news.models import Article, Category

# A report of a meeting: ``{event}`` is "Hội nghị", "buổi lễ", "Hội thảo" …
EVENT_PARAGRAPHS = [
    "Tham dự {event} có {chair}, cùng lãnh đạo các phòng, khoa, trung tâm, "
    "Công đoàn, Đoàn Thanh niên và đông đảo viên chức, người lao động Nhà trường.",
    "Phát biểu khai mạc, đồng chí {chair} nhấn mạnh ý nghĩa của {topic} đối với "
    "việc thực hiện nhiệm vụ chính trị của Nhà trường trong năm học {school_year}.",
    "Đồng chí {person} trình bày báo cáo đánh giá kết quả đã đạt được, chỉ ra "
    "những hạn chế, nguyên nhân và đề xuất giải pháp về {topic}.",
    "Các đại biểu đã thảo luận sôi nổi, thẳng thắn; nhiều ý kiến tham luận chất "
    "lượng tập trung vào {topic} và công tác tuyển sinh, đào tạo năm {year}.",
    "Tại {event}, {unit} đã công bố các quyết định khen thưởng, biểu dương các "
    "tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua năm {year}.",
    "Kết thúc {event}, Nhà trường thống nhất các nhiệm vụ trọng tâm: đẩy mạnh "
    "{topic}, nâng cao chất lượng dạy và học, giữ vững kỷ cương, nền nếp.",
]
# Everything else the college writes: activities, admissions, notices.
NEWS_PARAGRAPHS = [
    "Hoạt động nhằm tạo sân chơi bổ ích cho học sinh, sinh viên, góp phần giáo dục "
    "toàn diện và lan tỏa tinh thần đoàn kết, sáng tạo trong toàn trường.",
    "Theo kế hoạch, {unit} sẽ tiếp tục phối hợp với các đơn vị liên quan triển khai "
    "các nội dung đã đề ra, báo cáo kết quả với Ban Giám hiệu trước ngày {date}.",
    "Năm {year}, Nhà trường tuyển sinh các ngành Giáo dục Mầm non, Giáo dục Tiểu "
    "học và nhiều ngành nghề khác; thí sinh nộp hồ sơ trực tiếp hoặc trực tuyến.",
    "Đồng chí {person} cho biết, trong thời gian tới {unit} sẽ chú trọng {topic}, "
    "coi đây là nhiệm vụ trọng tâm của năm học {school_year}.",
    "Sinh viên tham gia tích cực, nhiều tập thể lớp đạt kết quả cao; Ban Tổ chức "
    "đã trao giải cho các cá nhân và tập thể xuất sắc.",
    "Mọi thông tin chi tiết xin liên hệ {unit}, Trường Cao đẳng Ngô Gia Tự Bắc "
    "Giang, hoặc xem trên Cổng thông tin điện tử của Nhà trường.",
    "Qua đợt sinh hoạt, giảng viên và sinh viên hiểu rõ hơn về {topic}, từ đó vận "
    "dụng vào học tập, giảng dạy và rèn luyện hằng ngày.",
]
EVENT_WORDS = {
    Meeting.Kind.ANNUAL_REVIEW: "Hội nghị",
    Meeting.Kind.THEMATIC: "buổi sinh hoạt",
    Meeting.Kind.CEREMONY: "buổi lễ",
    Meeting.Kind.WORKSHOP: "Hội thảo",
    Meeting.Kind.OTHER: "chương trình",
}
NEWS_TITLES = [
    "Hội nghị giao ban công tác tháng {month}/{y1}",
    "{unit} tổ chức Hội nghị triển khai {topic}",
    "Thông báo tuyển sinh cao đẳng chính quy năm {y1}",
    "Sinh viên {unit} tham gia {activity}",
    "Kết quả {activity} năm {y1}",
    "{unit} đón đoàn công tác của Sở Giáo dục và Đào tạo tỉnh Bắc Giang",
    "Nhà trường triển khai kế hoạch {topic} năm học {y1}–{y2}",
    "Thông báo lịch thi kết thúc học phần học kỳ {term} năm học {y0}–{y1}",
    "{unit} tổ chức {activity}",
    "Tọa đàm về {topic} tại {unit}",
]


@contextlib.contextmanager
def dates_as_given(model):
    """Within: ``bulk_create`` keeps the ``created_at`` and ``updated_at`` set on
    the rows instead of stamping the moment of loading, as ``auto_now`` and
    ``auto_now_add`` otherwise do."""
    fields = [model._meta.get_field(name) for name in ("created_at", "updated_at")]
    saved = [(field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class NewsSteps:
    """The generator's steps for categories and articles.

    Uses ``rng``, ``log``, ``n_articles``, ``units``, ``people``, ``meetings`` and
    ``random_moment()``; ``make_categories()`` sets ``categories``.
    """

    def make_categories(self):
        # The demo's categories, reused when they are there.
        self.categories = []
        for data in CATEGORIES:
            category, _ = Category.objects.get_or_create(
                name=data["name"],
                defaults={"order": data["order"], "description": data["description"]},
            )
            self.categories.append(category)

    def article_status(self):
        """(status, published_at) spread: mostly published, a few drafts and
        articles waiting for review or scheduled."""
        draw = self.rng.random()
        if draw < 0.02:
            return Article.Status.DRAFT, None
        if draw < 0.03:
            return Article.Status.REVIEW, None
        if draw < 0.035:
            soon = timezone.now() + datetime.timedelta(
                days=self.rng.randint(1, 60), hours=self.rng.randint(0, 23)
            )
            return Article.Status.PUBLISHED, soon.replace(microsecond=0)
        return Article.Status.PUBLISHED, self.random_moment()

    def article_dates(self, status, published_at):
        """(created_at, updated_at) as the desk leaves them: written hours before
        publication; saved once more when published, a quarter corrected in the
        fortnight after, a few revised months later. Drafts, articles waiting for
        review and those scheduled ahead were last saved in the past weeks."""
        now = timezone.now()
        hour = datetime.timedelta(hours=1)
        if published_at is None or published_at > now:
            updated = now - self.rng.randint(1, 24 * 30) * hour
            return updated - self.rng.randint(1, 72) * hour, updated
        created = published_at - self.rng.randint(1, 72) * hour
        draw = self.rng.random()
        if draw < 0.7:
            later = datetime.timedelta(minutes=self.rng.randint(0, 30))
        elif draw < 0.95:
            later = self.rng.randint(1, 24 * 14) * hour
        else:
            later = self.rng.randint(24 * 30, 24 * 365) * hour
        return created, min(published_at + later, now)

    def article_body(self, unit, person, when, topic, event=None):
        """Paragraphs of a meeting report when ``event`` names one, else of news."""
        context = {
            "event": event,
            "chair": f"{person.honorific} {person.full_name}".strip(),
            "person": person.full_name,
            "topic": topic,
            "unit": unit.name,
            "year": when.year,
            "school_year": f"{when.year}–{when.year + 1}",
            "date": date_text(when + datetime.timedelta(days=30)),
        }
        source = EVENT_PARAGRAPHS if event else NEWS_PARAGRAPHS
        paragraphs = self.rng.sample(source, self.rng.randint(3, 5))
        html = [f"<p>{text.format(**context)}</p>" for text in paragraphs]
        if self.rng.random() < 0.3:
            html.insert(2, f"<h2>{capitalise(topic)}</h2>")
        return "\n".join(html)

    def make_articles(self):
        slugs = SlugPool(Article)
        linked = min(self.n_articles // 2, 3 * len(self.meetings))
        rows = []
        total = 0
        for index in range(self.n_articles):
            meeting = None
            unit = self.rng.choice(self.units)
            topic = self.rng.choice(TOPICS)
            if index < linked:
                meeting = self.meetings[index % len(self.meetings)]
                status = Article.Status.PUBLISHED
                published_at = meeting.starts_at + datetime.timedelta(
                    hours=self.rng.randint(4, 60)
                )
                lead = self.rng.choice((SCHOOL, meeting.organizer.name))
                title = f"{lead} tổ chức {meeting.title[0].lower()}{meeting.title[1:]}"
                when = meeting.starts_at
                event = EVENT_WORDS[meeting.kind]
            else:
                status, published_at = self.article_status()
                when = published_at or self.random_moment()
                year = when.year
                title = self.rng.choice(NEWS_TITLES).format(
                    y0=year - 1,
                    y1=year,
                    y2=year + 1,
                    unit=unit.name,
                    activity=self.rng.choice(ACTIVITIES),
                    topic=topic,
                    term=self.rng.choice(("I", "II")),
                    month=when.month,
                )
                event = "Hội nghị" if "Hội nghị" in title else None
            title = " ".join(title.split())
            person = self.rng.choice(self.people)
            summary = (
                f"Ngày {date_text(timezone.localtime(when))}, {unit.name} "
                f"{self.rng.choice(('tổ chức', 'triển khai', 'phối hợp tổ chức'))} "
                f"hoạt động về {topic}."
            )
            body = clean_html(self.article_body(unit, person, when, topic, event))
            created_at, updated_at = self.article_dates(status, published_at)
            rows.append(
                Article(
                    title=title,
                    slug=slugs.take(title),
                    category=self.categories[
                        0 if meeting else self.rng.randrange(len(self.categories))
                    ],
                    summary=summary,
                    body=body,
                    meeting=meeting,
                    byline_person=person,
                    byline_unit=unit,
                    status=status,
                    published_at=published_at,
                    featured=status == Article.Status.PUBLISHED
                    and self.rng.random() < 0.01,
                    title_folded=fold(title),
                    search_text=fold(f"{title}\n{summary}\n{plain_text(body)}"),
                    created_at=created_at,
                    updated_at=updated_at,
                )
            )
            if len(rows) == BATCH_SIZE:
                with dates_as_given(Article):
                    Article.objects.bulk_create(rows)
                total += len(rows)
                rows = []
                if total % (BATCH_SIZE * 10) == 0:
                    self.log(f"  bài viết: {total}/{self.n_articles}")
        with dates_as_given(Article):
            Article.objects.bulk_create(rows)
        self.log(f"  bài viết: {self.n_articles}")
