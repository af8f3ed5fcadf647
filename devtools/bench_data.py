"""Bulk content for load tests and query-plan reviews (``manage.py make_bench_data``).

The portal's pages must stay fast with years of content: a hundred thousand
articles, thousands of meetings with galleries of thirty photos. This module makes
such content from Vietnamese word lists, the same every run for the same seed
(dates are counted back from today, so scheduled articles stay in the future).

Rows are written with ``bulk_create``, which skips ``save()`` and signals, so every
field ``save()`` derives (folded titles, search text, sort keys, slugs, the cleaned
body) is filled here with the same helpers ``save()`` uses: the rows are exactly what
saving them one by one would give, thousands of times faster. Photos share a handful
of image files, each made once through the portal's upload processing, so pages
render real ``<picture>`` markup; deleting one such photo in the admin deletes the
files the others show.
"""

import argparse
import datetime
import random
import time
import zoneinfo
from urllib.parse import urlencode

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from awards.models import Award, Campaign
from core.html import clean_html
from core.images import delete_files, image_file_names
from core.text import fold, person_sort_key, plain_text, slugify_vi
from demo.content import CATEGORIES, counts
from demo.images import placeholder_jpeg
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, ArticleEvent, Category, ImportedSource
from ops import page_cache as page_cache
from people.models import Person, Position, Unit

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BATCH_SIZE = 2000
# Photo rows share this many image files (with their renditions).
SHARED_IMAGES = 6
# The size phones' photos have once processed (the master's edge is 2000 pixels at
# most): 1600 pixels wide gives every rendition width.
IMAGE_SIZE = (1600, 1200)
YEARS = 15
DEFAULT_SEED = 20240131
SCHOOL = "Trường Cao đẳng Ngô Gia Tự Bắc Giang"

# ---------------------------------------------------------------- word lists

FAMILY_NAMES = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng",
    "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
    "Đào", "Đinh", "Thạch", "Diêm", "Giáp", "Thân", "Hà", "Lương", "Trịnh", "Đoàn",
]  # fmt: skip
MIDDLE_NAMES = {
    "female": ["Thị", "Thị", "Thị Thu", "Thị Hồng", "Thị Phương", "Ngọc", "Thanh",
               "Thu", "Minh", "Hải", "Thị Kim", "Thị Thanh", "Diệu", "Bích"],
    "male": ["Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thế", "Thanh", "Hoàng",
             "Mạnh", "Xuân", "Trọng", "Đình", "Công", "Tiến"],
}  # fmt: skip
GIVEN_NAMES = {
    "female": ["Anh", "Hà", "Hằng", "Hiền", "Hoa", "Hương", "Huyền", "Lan", "Linh",
               "Mai", "Mơ", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
               "Thủy", "Thuỷ", "Trang", "Vân", "Yến", "Dung", "Giang", "Hạnh", "Loan",
               "Tâm", "Uyên", "Ánh", "Hoà", "Ngân", "Thơ", "Lụa", "Xuân"],
    "male": ["Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hùng", "Hưng", "Khánh",
             "Long", "Minh", "Nam", "Phong", "Quang", "Quỳnh", "Sơn", "Thắng",
             "Trung", "Tuấn", "Việt", "Đạt", "Kiên", "Lâm", "Nghĩa", "Phúc", "Thành",
             "Tùng", "Vinh", "Ước", "Ẩn", "Chiến", "Định", "Toàn", "Lộc"],
}  # fmt: skip
HONORIFICS = ["", "", "", "ThS.", "ThS.", "ThS.", "TS.", "CN.", "PGS.TS.", "NGƯT."]

# (name, short name, kind, English name, order)
UNITS = [
    (SCHOOL, "CĐNGT", Unit.Kind.SCHOOL, "Ngo Gia Tu Bac Giang College", 0),
    ("Ban Giám hiệu", "", Unit.Kind.BOARD, "Board of Rectors", 10),
    (f"Đảng ủy {SCHOOL}", "Đảng ủy", Unit.Kind.PARTY, "Party Committee", 20),
    ("Phòng Tổ chức – Hành chính", "Phòng TCHC", Unit.Kind.OFFICE, "", 30),
    ("Phòng Đào tạo", "Phòng ĐT", Unit.Kind.OFFICE, "", 35),
    ("Phòng Kế hoạch – Tài chính", "Phòng KHTC", Unit.Kind.OFFICE, "", 36),
    ("Phòng Công tác học sinh, sinh viên", "Phòng CTHSSV", Unit.Kind.OFFICE, "", 37),
    ("Phòng Khảo thí và Đảm bảo chất lượng", "Phòng KT-ĐBCL", Unit.Kind.OFFICE, "", 38),
    ("Khoa Sư phạm", "", Unit.Kind.FACULTY, "", 50),
    ("Khoa Giáo dục Mầm non", "", Unit.Kind.FACULTY, "", 51),
    ("Khoa Giáo dục Tiểu học", "", Unit.Kind.FACULTY, "", 52),
    ("Khoa Ngoại ngữ", "", Unit.Kind.FACULTY, "", 53),
    ("Khoa Tự nhiên", "", Unit.Kind.FACULTY, "", 54),
    ("Khoa Xã hội", "", Unit.Kind.FACULTY, "", 55),
    ("Khoa Nghệ thuật", "", Unit.Kind.FACULTY, "", 56),
    ("Khoa Giáo dục Thể chất – Quốc phòng", "", Unit.Kind.FACULTY, "", 57),
    ("Trung tâm Ngoại ngữ – Tin học", "", Unit.Kind.CENTRE, "", 60),
    ("Trung tâm Tuyển sinh và Hợp tác", "", Unit.Kind.CENTRE, "", 61),
    ("Thư viện", "", Unit.Kind.CENTRE, "", 62),
    ("Chi bộ Tổ chức – Hành chính", "", Unit.Kind.PARTY, "", 25),
    ("Chi bộ Khoa Sư phạm", "", Unit.Kind.PARTY, "", 26),
    ("Chi bộ Khoa Ngoại ngữ", "", Unit.Kind.PARTY, "", 27),
    ("Công đoàn", "", Unit.Kind.TRADE_UNION, "Trade Union", 70),
    ("Đoàn Thanh niên", "", Unit.Kind.YOUTH_UNION, "Youth Union", 80),
    ("Hội Sinh viên", "", Unit.Kind.YOUTH_UNION, "", 81),
]  # fmt: skip

TITLES = {
    Unit.Kind.SCHOOL: ["Viên chức"],
    Unit.Kind.BOARD: ["Hiệu trưởng", "Phó Hiệu trưởng", "Phó Hiệu trưởng"],
    Unit.Kind.PARTY: ["Bí thư", "Phó Bí thư", "Đảng ủy viên", "Chi ủy viên"],
    Unit.Kind.OFFICE: ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"],
    Unit.Kind.FACULTY: ["Trưởng khoa", "Phó Trưởng khoa", "Giảng viên", "Giảng viên"],
    Unit.Kind.CENTRE: ["Giám đốc", "Phó Giám đốc", "Viên chức"],
    Unit.Kind.TRADE_UNION: ["Chủ tịch", "Phó Chủ tịch", "Ủy viên Ban Chấp hành"],
    Unit.Kind.YOUTH_UNION: ["Bí thư", "Phó Bí thư", "Ủy viên Ban Chấp hành"],
}

LOCATIONS = [
    "Hội trường lớn Nhà trường",
    "Hội trường A",
    "Phòng họp tầng 3, nhà Hiệu bộ",
    "Phòng họp trực tuyến",
    "Sân trường",
    "Nhà thi đấu đa năng",
    "Thư viện Nhà trường",
    "",
]
TOPICS = [
    "chuyển đổi số trong dạy học",
    "nâng cao chất lượng đào tạo giáo viên mầm non",
    "đổi mới phương pháp giảng dạy theo hướng phát triển năng lực",
    "ứng dụng trí tuệ nhân tạo trong giáo dục",
    "công tác cố vấn học tập",
    "phát triển đảng viên trong học sinh, sinh viên",
    "giáo dục kỹ năng sống cho sinh viên",
    "xây dựng văn hóa công sở",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "nâng cao hiệu quả các phong trào thi đua, khen thưởng",
    "kiểm định chất lượng giáo dục",
    "nghiên cứu khoa học và sáng kiến kinh nghiệm",
    "phòng, chống tham nhũng, tiêu cực",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "dạy học tích hợp ở bậc tiểu học",
    "an toàn giao thông cho học sinh, sinh viên",
]
GUESTS = [
    "Đại diện Sở Giáo dục và Đào tạo tỉnh Bắc Giang",
    "Đại diện Ban Tuyên giáo Tỉnh ủy Bắc Giang",
    "Đại diện Công đoàn Giáo dục tỉnh",
    "Đại diện Tỉnh đoàn Bắc Giang",
    "Lãnh đạo các trường mầm non, tiểu học trên địa bàn",
]
ACTIVITIES = [
    "hiến máu tình nguyện",
    "Chiến dịch Thanh niên tình nguyện hè",
    "Hội thi Nghiệp vụ sư phạm",
    "Giải bóng đá sinh viên",
    "Ngày hội việc làm",
    "Hội thi Văn nghệ chào mừng Ngày Nhà giáo Việt Nam 20/11",
    "Tuần sinh hoạt công dân – học sinh, sinh viên",
    "Hội trại truyền thống 26/3",
    "Cuộc thi Olympic tiếng Anh",
    "Ngày hội đọc sách",
]
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
MEETING_TITLES = {
    Meeting.Kind.ANNUAL_REVIEW: [
        "Hội nghị tổng kết công tác năm {y0} và triển khai nhiệm vụ năm {y1}",
        "Hội nghị viên chức, người lao động năm học {y0}–{y1}",
        "Hội nghị tổng kết năm học {y0}–{y1}",
        "Hội nghị sơ kết học kỳ I năm học {y0}–{y1}",
    ],
    Meeting.Kind.THEMATIC: [
        "Sinh hoạt chuyên đề năm {y1}: {topic_cap}",
        "Hội nghị học tập, quán triệt Nghị quyết về {topic}",
        "{unit} sinh hoạt chuyên đề về {topic}",
    ],
    Meeting.Kind.CEREMONY: [
        "Lễ khai giảng năm học {y1}–{y2}",
        "Lễ trao bằng tốt nghiệp cho sinh viên khóa {course}",
        "Lễ kỷ niệm Ngày Nhà giáo Việt Nam 20/11/{y1}",
        "Lễ kết nạp đảng viên mới tại {unit}",
        "Lễ ra quân {activity} năm {y1}",
    ],
    Meeting.Kind.WORKSHOP: [
        "Hội thảo khoa học “{topic_cap}”",
        "Tập huấn {topic} cho giảng viên năm {y1}",
        "Hội thảo chia sẻ kinh nghiệm về {topic}",
    ],
    Meeting.Kind.OTHER: [
        "{activity} năm {y1}",
        "Đại hội {unit} nhiệm kỳ {y1}–{y6}",
        "Hội thi giảng viên dạy giỏi cấp trường năm học {y0}–{y1}",
    ],
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
CAPTIONS = [
    "Đồng chí {name} – {position} phát biểu tại Hội nghị",
    "Đồng chí {name} – {position} trình bày báo cáo",
    "Đồng chí {name} – {position} phát biểu chỉ đạo",
    "Đồng chí {name} – {position} trao Giấy khen cho các cá nhân tiêu biểu",
    "Đồng chí {name} – {position} phát biểu tham luận về {topic}",
]
GENERAL_CAPTIONS = [
    "Toàn cảnh {what}",
    "Các đại biểu dự {what}",
    "Viên chức, người lao động Nhà trường tham dự {what}",
    "Tiết mục văn nghệ chào mừng {what}",
    "Các đại biểu chụp ảnh lưu niệm",
]
MEETING_KINDS = [
    (Meeting.Kind.ANNUAL_REVIEW, 15),
    (Meeting.Kind.THEMATIC, 25),
    (Meeting.Kind.CEREMONY, 25),
    (Meeting.Kind.WORKSHOP, 20),
    (Meeting.Kind.OTHER, 15),
]
INDIVIDUAL_AWARDS = [
    (Award.Kind.ADVANCED_WORKER, 60),
    (Award.Kind.GRASSROOTS_FIGHTER, 15),
    (Award.Kind.CERTIFICATE, 15),
    (Award.Kind.CERTIFICATE_OF_MERIT, 6),
    (Award.Kind.PROVINCIAL_FIGHTER, 3),
    (Award.Kind.PM_CERTIFICATE, 1),
]
COLLECTIVE_AWARDS = [
    (Award.Kind.ADVANCED_COLLECTIVE, 50),
    (Award.Kind.EXCELLENT_COLLECTIVE, 30),
    (Award.Kind.CERTIFICATE_OF_MERIT, 12),
    (Award.Kind.EMULATION_FLAG, 6),
    (Award.Kind.ORDER_OF_LABOUR, 2),
]
ISSUERS = {
    Award.Kind.ORDER_OF_LABOUR: "Chủ tịch nước",
    Award.Kind.PM_CERTIFICATE: "Thủ tướng Chính phủ",
    Award.Kind.CERTIFICATE_OF_MERIT: "Chủ tịch UBND tỉnh Bắc Giang",
    Award.Kind.EMULATION_FLAG: "Chủ tịch UBND tỉnh Bắc Giang",
    Award.Kind.PROVINCIAL_FIGHTER: "Chủ tịch UBND tỉnh Bắc Giang",
}
SCENES = ("podium", "award", "discussion")


# ---------------------------------------------------------------- helpers


class SlugPool:
    """Unique slugs for many new rows of one model, as ``unique_slug`` would give.

    ``unique_slug`` asks the database once per row; here the slugs in use are read
    once and new ones are remembered, with the next suffix to try for each base.
    """

    def __init__(self, model, field_name="slug"):
        self.model = model
        self.max_length = model._meta.get_field(field_name).max_length
        self.taken = set(
            model._default_manager.values_list(field_name, flat=True).iterator()
        )
        self.next_number = {}

    def take(self, value):
        base = (
            slugify_vi(value, max_length=self.max_length) or self.model._meta.model_name
        )
        candidate, number = base, self.next_number.get(base, 1)
        if number > 1:
            candidate = self._suffixed(base, number)
        while candidate in self.taken:
            number += 1
            candidate = self._suffixed(base, number)
        self.next_number[base] = number
        self.taken.add(candidate)
        return candidate

    def _suffixed(self, base, number):
        suffix = f"-{number}"
        return base[: self.max_length - len(suffix)].rstrip("-") + suffix


def non_negative_int(value):
    """A command-line count: a whole number, zero or more."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(
            f"“{value}” không phải là một số nguyên không âm."
        )
    return number


def _weighted(rng, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _bulk(model, rows, log=None):
    """``bulk_create`` in batches; the created rows (with primary keys)."""
    created = []
    for start in range(0, len(rows), BATCH_SIZE):
        created += model.objects.bulk_create(rows[start : start + BATCH_SIZE])
    if log and rows:
        log(f"  {model._meta.db_table}: {len(rows)}")
    return created


def _date_text(day):
    return f"{day:%d/%m/%Y}"


# ---------------------------------------------------------------- reset


def content_models():
    """Every content model, children before parents: the order rows are deleted in."""
    through = Photo.people.through
    # The versions of deleted content go with it.
    history = [model.history.model for model in (Article, Meeting, Attendee, Photo)]
    return [
        ImportedSource,
        ArticleEvent,
        through,
        Award,
        Campaign,
        Article,
        Photo,
        Attendee,
        MeetingDocument,
        Meeting,
        Category,
        Position,
        Person,
        Unit,
        *history,
    ]


def reset_content(log=print):
    """Delete every content row and the files they name; users and groups stay.

    One ``DELETE`` per table: deleting row by row (what ``QuerySet.delete()`` does
    when signals listen) would take minutes on bench data and write a version of
    every row to the history tables. The files go once the deletion is committed.
    """
    storage = Photo._meta.get_field("image").storage
    names = set()
    for image, widths in Photo.objects.values_list("image", "renditions").iterator():
        names.update(image_file_names(image, widths))
    for model, field in (
        (Article, "cover"),
        (Person, "portrait"),
        (MeetingDocument, "file"),
    ):
        names.update(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
    names.discard("")
    with transaction.atomic(), connection.cursor() as cursor:
        for model in content_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a model's table)
            if cursor.rowcount:
                log(f"  xoá {cursor.rowcount} dòng của {model._meta.db_table}")
        transaction.on_commit(lambda: delete_files(storage, sorted(names)))
        transaction.on_commit(page_cache.bump_generation)


# ---------------------------------------------------------------- generation


class BenchData:
    """One run of the generator; ``make()`` writes everything and returns timings."""

    def __init__(self, articles, meetings, photos, seed=DEFAULT_SEED, log=print):
        self.n_articles = articles
        self.n_meetings = meetings
        self.n_photos = photos
        self.rng = random.Random(seed)
        self.seed = seed
        self.log = log
        self.today = timezone.localdate()
        now = timezone.localtime()
        # Everything ends a few days before now, so an article written after its
        # meeting is never in the future by accident.
        self.end = now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(
            days=3
        )
        self.start = self.end - datetime.timedelta(days=365 * YEARS)
        self.written_files = []

    # -------------------------------------------------------------- driver

    def make(self):
        steps = [
            ("đơn vị, chuyên mục", self.make_units),
            ("nhân sự", self.make_people),
            ("hội nghị", self.make_meetings),
            ("ảnh", self.make_photos),
            ("bài viết", self.make_articles),
            ("khen thưởng", self.make_awards),
        ]
        timings = []
        storage = Photo._meta.get_field("image").storage
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        # New rows of the trigram (GIN) search indexes wait in a
                        # pending list, merged into the index when it is full: a
                        # larger list, for this transaction only, merges less often.
                        cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
                for name, step in steps:
                    started = time.monotonic()
                    self.log(f"… {name}")
                    step()
                    timings.append((name, time.monotonic() - started))
                transaction.on_commit(page_cache.bump_generation)
        except BaseException:
            delete_files(storage, self.written_files)
            raise
        started = time.monotonic()
        analyse()
        timings.append(("thống kê cho bộ lập kế hoạch", time.monotonic() - started))
        return timings

    def random_moment(self, start=None, end=None):
        start, end = start or self.start, end or self.end
        seconds = self.rng.randrange(int((end - start).total_seconds()))
        moment = start + datetime.timedelta(seconds=seconds)
        return moment.replace(
            hour=self.rng.randint(7, 16),
            minute=self.rng.choice((0, 0, 30)),
            second=0,
            microsecond=0,
        )

    # -------------------------------------------------------------- people

    def make_units(self):
        units = {}
        for name, short_name, kind, name_en, order in UNITS:
            parent = None if kind == Unit.Kind.SCHOOL else units.get(SCHOOL)
            if name.startswith("Chi bộ"):
                parent = units.get(f"Đảng ủy {SCHOOL}", parent)
            # Saved one by one: a few dozen rows, and the demo's units are reused.
            units[name], _ = Unit.objects.get_or_create(
                slug=slugify_vi(name),
                defaults={
                    "name": name,
                    "short_name": short_name,
                    "kind": kind,
                    "parent": parent,
                    "name_en": name_en,
                    "order": order,
                },
            )
        self.units = list(units.values())
        self.school = units[SCHOOL]
        self.categories = []
        for data in CATEGORIES:
            category, _ = Category.objects.get_or_create(
                name=data["name"],
                defaults={"order": data["order"], "description": data["description"]},
            )
            self.categories.append(category)

    def make_people(self):
        # About as many people as a college's staff over the years: a few hundred.
        count = max(30, self.n_meetings // 3 + self.n_articles // 500)
        slugs = SlugPool(Person)
        rows = []
        for _ in range(count):
            sex = self.rng.choice(("female", "male"))
            full_name = " ".join(
                (
                    self.rng.choice(FAMILY_NAMES),
                    self.rng.choice(MIDDLE_NAMES[sex]),
                    self.rng.choice(GIVEN_NAMES[sex]),
                )
            )
            rows.append(
                Person(
                    full_name=full_name,
                    honorific=self.rng.choice(HONORIFICS),
                    slug=slugs.take(full_name),
                    sort_key=person_sort_key(full_name),
                    name_folded=fold(full_name),
                )
            )
        self.people = _bulk(Person, rows, self.log)
        positions = []
        self.titles = {}
        for person in self.people:
            held = []
            for order in range(self.rng.choice((1, 1, 2, 2, 3))):
                unit = self.rng.choice(self.units)
                title = self.rng.choice(TITLES.get(unit.kind, ["Viên chức"]))
                if title in {"Trưởng phòng", "Phó Trưởng phòng", "Trưởng khoa"}:
                    title = f"{title} {unit.name.split(' ', 1)[1]}"
                start = self.random_moment().date()
                end = start + datetime.timedelta(days=365 * self.rng.randint(2, 8))
                positions.append(
                    Position(
                        person=person,
                        title=title,
                        unit=unit,
                        start=start,
                        end=end if end < self.today else None,
                        order=order,
                    )
                )
                held.append(title)
            self.titles[person.pk] = ", ".join(held)
        _bulk(Position, positions, self.log)

    # -------------------------------------------------------------- meetings

    def meeting_title(self, kind, starts_at, unit):
        year = starts_at.year
        topic = self.rng.choice(TOPICS)
        course = year - 2000 - 3
        return self.rng.choice(MEETING_TITLES[kind]).format(
            y0=year - 1,
            y1=year,
            y2=year + 1,
            y6=year + 5,
            topic=topic,
            topic_cap=_capitalise(topic),
            unit=unit.name,
            course=course,
            activity=self.rng.choice(ACTIVITIES),
        )

    def make_meetings(self):
        slugs = SlugPool(Meeting)
        rows = []
        for _ in range(self.n_meetings):
            kind = _weighted(self.rng, MEETING_KINDS)
            starts_at = self.random_moment()
            unit = self.rng.choice(self.units)
            title = " ".join(self.meeting_title(kind, starts_at, unit).split())
            location = self.rng.choice(LOCATIONS)
            summary = (
                f"Ngày {_date_text(starts_at)}, {unit.name} tổ chức "
                f"{title[0].lower()}{title[1:]}, với sự tham dự của lãnh đạo Nhà "
                f"trường và viên chức các đơn vị."
            )
            rows.append(
                Meeting(
                    title=title,
                    slug=slugs.take(title),
                    kind=kind,
                    starts_at=starts_at,
                    time_known=self.rng.random() > 0.1,
                    location=location,
                    organizer=unit,
                    summary=summary,
                    title_folded=fold(title),
                    search_text=fold(f"{title}\n{summary}\n{location}"),
                )
            )
        rows.sort(key=lambda m: m.starts_at)
        self.meetings = _bulk(Meeting, rows, self.log)
        documents, attendees = [], []
        self.attendees = {}
        for meeting in self.meetings:
            day = timezone.localdate(meeting.starts_at)
            for number, (kind, symbol) in enumerate(
                self.rng.sample(
                    [
                        (MeetingDocument.Kind.PLAN, "KH-CĐNGT"),
                        (MeetingDocument.Kind.DECISION, "QĐ-CĐNGT"),
                        (MeetingDocument.Kind.NOTICE, "TB-CĐNGT"),
                    ],
                    self.rng.randint(1, 2),
                )
            ):
                documents.append(
                    MeetingDocument(
                        meeting=meeting,
                        kind=kind,
                        number=f"{self.rng.randint(1, 400) + number}/{symbol}",
                        date=day - datetime.timedelta(days=self.rng.randint(5, 30)),
                        title=f"{MeetingDocument.Kind(kind).label} tổ chức "
                        f"{meeting.title[0].lower()}{meeting.title[1:]}"[:300],
                        issuer=meeting.organizer,
                    )
                )
            present = self.rng.sample(self.people, min(len(self.people), 8))
            roles = [Attendee.Role.CHAIR, Attendee.Role.REPORTER]
            roles += [Attendee.Role.SPEAKER] * self.rng.randint(1, 3)
            roles += [Attendee.Role.ANNOUNCER, Attendee.Role.GUEST]
            listed = []
            for order, (person, role) in enumerate(
                zip(present, roles, strict=False), start=1
            ):
                topic = ""
                if role in {Attendee.Role.REPORTER, Attendee.Role.SPEAKER}:
                    topic = f"Tham luận về {self.rng.choice(TOPICS)}"
                attendees.append(
                    Attendee(
                        meeting=meeting,
                        person=person,
                        position_at_time=self.titles[person.pk],
                        role=role,
                        topic=topic,
                        order=order,
                    )
                )
                listed.append(person)
            attendees.append(
                Attendee(
                    meeting=meeting,
                    name=self.rng.choice(GUESTS),
                    role=Attendee.Role.GUEST,
                    order=len(listed) + 1,
                )
            )
            self.attendees[meeting.pk] = listed
        _bulk(MeetingDocument, documents, self.log)
        _bulk(Attendee, attendees, self.log)

    # -------------------------------------------------------------- photos

    def photo_count(self, index):
        """Most meetings have the full gallery; one in ten has fewer photos."""
        if index % 10 == 9 and self.n_photos > 1:
            return self.rng.randint(1, self.n_photos - 1)
        return self.n_photos

    def make_photos(self):
        sources = []
        rows, tagged = [], []
        made = 0
        for index, meeting in enumerate(self.meetings):
            people = self.attendees[meeting.pk]
            what = f"{meeting.title[0].lower()}{meeting.title[1:]}"
            for order in range(1, self.photo_count(index) + 1):
                person = None
                if people and self.rng.random() < 0.7:
                    person = self.rng.choice(people)
                    caption = self.rng.choice(CAPTIONS).format(
                        name=person.full_name,
                        position=self.titles[person.pk].split(", ")[0],
                        topic=self.rng.choice(TOPICS),
                    )
                else:
                    caption = self.rng.choice(GENERAL_CAPTIONS).format(what=what)
                photo = Photo(
                    meeting=meeting,
                    caption=caption.strip(),
                    order=order,
                    is_cover=order == 1,
                    taken_at=meeting.starts_at + datetime.timedelta(minutes=order * 3),
                    credit="Phòng TCHC",
                )
                if len(sources) < SHARED_IMAGES:
                    self.save_source(photo, len(sources))
                    sources.append(photo)
                    if person is not None:
                        photo.people.add(person)
                    made += 1
                    continue
                source = sources[made % len(sources)]
                photo.image = source.image.name
                photo.width, photo.height = source.width, source.height
                photo.renditions = source.renditions
                photo.original_name = source.original_name
                rows.append(photo)
                tagged.append(person)
                made += 1
        created = _bulk(Photo, rows, self.log)
        through = Photo.people.through
        links = [
            through(photo_id=photo.pk, person_id=person.pk)
            for photo, person in zip(created, tagged, strict=True)
            if person is not None
        ]
        _bulk(through, links, self.log)

    def save_source(self, photo, number):
        """Save a photo the way an upload is saved: processed, with renditions."""
        content = placeholder_jpeg(
            f"bench:{self.seed}:{number}",
            scene=SCENES[number % len(SCENES)],
            size=IMAGE_SIZE,
        )
        photo.image = ContentFile(content, name=f"hoi-nghi-{number + 1:02d}.jpg")
        photo.save()
        self.written_files += photo.file_names()

    # -------------------------------------------------------------- articles

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
            "date": _date_text(when + datetime.timedelta(days=30)),
        }
        source = EVENT_PARAGRAPHS if event else NEWS_PARAGRAPHS
        paragraphs = self.rng.sample(source, self.rng.randint(3, 5))
        html = [f"<p>{text.format(**context)}</p>" for text in paragraphs]
        if self.rng.random() < 0.3:
            html.insert(2, f"<h2>{_capitalise(topic)}</h2>")
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
                f"Ngày {_date_text(timezone.localtime(when))}, {unit.name} "
                f"{self.rng.choice(('tổ chức', 'triển khai', 'phối hợp tổ chức'))} "
                f"hoạt động về {topic}."
            )
            body = clean_html(self.article_body(unit, person, when, topic, event))
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
                )
            )
            if len(rows) == BATCH_SIZE:
                Article.objects.bulk_create(rows)
                total += len(rows)
                rows = []
                if total % (BATCH_SIZE * 10) == 0:
                    self.log(f"  bài viết: {total}/{self.n_articles}")
        Article.objects.bulk_create(rows)
        self.log(f"  bài viết: {self.n_articles}")

    # -------------------------------------------------------------- awards

    def make_awards(self):
        annual = {}
        for meeting in self.meetings:
            if meeting.kind == Meeting.Kind.ANNUAL_REVIEW:
                annual.setdefault(meeting.starts_at.year, meeting)
        collectives = [u for u in self.units if u.kind != Unit.Kind.SCHOOL]
        rows = []
        for year in range(self.start.year, self.end.year):
            campaign, _ = Campaign.objects.get_or_create(
                name=f"Phong trào thi đua năm học {year - 1}–{year}",
                defaults={"period": str(year), "launched_by": self.school},
            )
            meeting = annual.get(year + 1)
            decision = datetime.date(year, 12, self.rng.randint(10, 28))
            title = f"Đã có thành tích xuất sắc trong năm học {year - 1}–{year}"
            individuals = self.rng.sample(
                self.people, min(40, max(3, len(self.people) // 20))
            )
            units = self.rng.sample(
                collectives, min(10, max(2, len(self.meetings) // 50))
            )
            recipients = [(p, None, INDIVIDUAL_AWARDS) for p in individuals]
            recipients += [(None, u, COLLECTIVE_AWARDS) for u in units]
            for person, unit, kinds in recipients:
                kind = _weighted(self.rng, kinds)
                rows.append(
                    Award(
                        kind=kind,
                        title=title,
                        year=year,
                        recipient_person=person,
                        recipient_unit=unit,
                        decision_number=f"{self.rng.randint(100, 999)}/QĐ-CĐNGT",
                        decision_date=decision,
                        issuer=ISSUERS.get(
                            kind, "Hiệu trưởng Trường Cao đẳng Ngô Gia Tự Bắc Giang"
                        ),
                        campaign=campaign,
                        meeting=meeting,
                    )
                )
        _bulk(Award, rows, self.log)


def analyse():
    """Refresh the planner's statistics: plans on fresh bulk data are otherwise
    guesses. On PostgreSQL, VACUUM also sets the visibility map that index-only
    scans need; it cannot run inside a transaction, and here it does not."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            tables = [model._meta.db_table for model in content_models()]
            for table in tables:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
        else:
            cursor.execute("ANALYZE")


def make_bench_data(
    articles=1000, meetings=100, photos=30, seed=DEFAULT_SEED, reset=False, log=print
):
    """Write the bench content; return [(step, seconds)]."""
    if articles < 0 or meetings < 1 or photos < 1:
        raise ValueError("articles ≥ 0, meetings ≥ 1, photos ≥ 1")
    timings = []
    if reset:
        started = time.monotonic()
        log("… xoá nội dung cũ")
        reset_content(log)
        timings.append(("xoá nội dung cũ", time.monotonic() - started))
    generator = BenchData(articles, meetings, photos, seed=seed, log=log)
    return timings + generator.make()


def row_counts():
    """(label, rows) for every content table, the demo's labels first."""
    return [
        *counts(),
        ("ảnh – người", Photo.people.through.objects.count()),
    ]


def bench_urls():
    """The pages a benchmark should request, by name: {name: path}.

    Read from the database, so it answers for whatever content is loaded: the article
    is a published one whose meeting has the most photos, and that meeting is the
    meeting page.
    """
    urls = {
        "home": reverse("home"),
        "article_list_page_500": f"{reverse('news:article_list')}?page=500",
        "honour_roll": reverse("awards:honour_roll"),
        "search": f"{reverse('search')}?{urlencode({'q': 'hoi nghi'})}",
    }
    published = Article.objects.published()
    meeting = (
        Meeting.objects.filter(Exists(published.filter(meeting=OuterRef("pk"))))
        .annotate(photo_count=Count("photos"))
        .order_by("-photo_count", "pk")
        .first()
    )
    if meeting is not None:
        article = (
            published.filter(meeting=meeting)
            .select_related("category")
            .order_by("-published_at", "pk")
            .first()
        )
        urls["article"] = article.get_absolute_url()
        urls["meeting"] = meeting.get_absolute_url()
    return urls
