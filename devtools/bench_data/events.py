"""Meetings with their documents and attendees, and their photo galleries.

Photos share ``SHARED_IMAGES`` image files, each made once through the portal's
upload processing, so pages render real ``<picture>`` markup; every other photo row
names one of those files.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from core.text import fold
from demo.images import placeholder_jpeg
from devtools.bench_data.common import (
    ACTIVITIES,
    TOPICS,
    SlugPool,
    bulk,
    capitalise,
    date_text,
    weighted,
)
from events.models import Attendee, Meeting, MeetingDocument, Photo

# Photo rows share this many image files (with their renditions).
SHARED_IMAGES = 6
# The size phones' photos have once processed (the master's edge is 2000 pixels at
# most): 1600 pixels wide gives every rendition width.
IMAGE_SIZE = (1600, 1200)
SCENES = ("podium", "award", "discussion")

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
GUESTS = [
    "Đại diện Sở Giáo dục và Đào tạo tỉnh Bắc Giang",
    "Đại diện Ban Tuyên giáo Tỉnh ủy Bắc Giang",
    "Đại diện Công đoàn Giáo dục tỉnh",
    "Đại diện Tỉnh đoàn Bắc Giang",
    "Lãnh đạo các trường mầm non, tiểu học trên địa bàn",
]
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
MEETING_KINDS = [
    (Meeting.Kind.ANNUAL_REVIEW, 15),
    (Meeting.Kind.THEMATIC, 25),
    (Meeting.Kind.CEREMONY, 25),
    (Meeting.Kind.WORKSHOP, 20),
    (Meeting.Kind.OTHER, 15),
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


class EventSteps:
    """The generator's steps for meetings and photos.

    Uses ``rng``, ``log``, ``seed``, ``n_meetings``, ``n_photos``, ``units``,
    ``people``, ``titles`` and ``random_moment()``; sets ``meetings`` and
    ``attendees`` (the people listed at each meeting, by its primary key) and adds
    the files it writes to ``written_files``.
    """

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
            topic_cap=capitalise(topic),
            unit=unit.name,
            course=course,
            activity=self.rng.choice(ACTIVITIES),
        )

    def make_meetings(self):
        slugs = SlugPool(Meeting)
        rows = []
        for _ in range(self.n_meetings):
            kind = weighted(self.rng, MEETING_KINDS)
            starts_at = self.random_moment()
            unit = self.rng.choice(self.units)
            title = " ".join(self.meeting_title(kind, starts_at, unit).split())
            location = self.rng.choice(LOCATIONS)
            summary = (
                f"Ngày {date_text(starts_at)}, {unit.name} tổ chức "
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
        self.meetings = bulk(Meeting, rows, self.log)
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
        bulk(MeetingDocument, documents, self.log)
        bulk(Attendee, attendees, self.log)

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
                photo.fold_search_text()
                rows.append(photo)
                tagged.append(person)
                made += 1
        created = bulk(Photo, rows, self.log)
        through = Photo.people.through
        links = [
            through(photo_id=photo.pk, person_id=person.pk)
            for photo, person in zip(created, tagged, strict=True)
            if person is not None
        ]
        bulk(through, links, self.log)

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
