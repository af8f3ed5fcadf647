"""The demo content: the facts of the two seed articles, and the code that loads them.

The data is plain Python so that it reads like the articles it comes from and tests
can check it. Names, positions, dates and document numbers are carried over exactly;
the article texts are written anew from those facts (the seeds are input, not copy).
The awards are illustrative: the seeds say collectives were honoured, not which.

``load_demo()`` can run any number of times: every row is looked up by a natural key
(a slug, a name, a meeting and an order) and brought back to the values below, and an
image is drawn only for a photo or article that has none.
"""

import datetime
import re
import zoneinfo

from django.core.files.base import ContentFile
from django.db import transaction

from awards.models import Award, Campaign
from core.images import delete_files
from core.text import slugify_vi
from demo.images import placeholder_jpeg
from events.models import Attendee, Meeting, MeetingDocument, Photo
from news.models import Article, Category
from people.models import Person, Position, Unit

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

SCHOOL = "Trường Cao đẳng Ngô Gia Tự Bắc Giang"
BOARD = "Ban Giám hiệu"
PARTY = "Đảng ủy Trường Cao đẳng Ngô Gia Tự Bắc Giang"
CELL = "Chi bộ Tổ chức – Hành chính"
TCHC = "Phòng Tổ chức – Hành chính"
TRADE_UNION = "Công đoàn"
YOUTH = "Đoàn Thanh niên"
FACULTY = "Khoa Sư phạm"

QUYNH = "Nguyễn Hoàng Quỳnh"
NGO_YEN = "Ngô Thị Yến"
NGUYEN_YEN = "Nguyễn Thị Yến"
THU = "Nguyễn Thị Thu"
HUONG = "Nguyễn Thị Hương"
MO = "Thạch Thị Hồng Mơ"
HUNG = "Diêm Thế Hưng"
PHUONG = "Nguyễn Thanh Phương"
LAN = "Trần Thị Phương Lan"

ANNUAL_REVIEW = "hoi-nghi-tong-ket-cong-tac-nam-2023"
THEMATIC = "sinh-hoat-chuyen-de-thi-dua-khen-thuong-2023"

ILLUSTRATIVE = "Danh sách minh hoạ trong dữ liệu mẫu."

# The first seven units and their kinds are the seeds'; the last three are generic
# parts of any college, there so that lists and the honour roll are not too thin.
UNITS = [
    {
        "name": SCHOOL,
        "short_name": "CĐNGT",
        "kind": Unit.Kind.SCHOOL,
        "parent": None,
        "order": 0,
        "name_en": "Ngo Gia Tu Bac Giang College",
    },
    {
        "name": BOARD,
        "kind": Unit.Kind.BOARD,
        "parent": SCHOOL,
        "order": 10,
        "name_en": "Board of Rectors",
    },
    {
        "name": PARTY,
        "short_name": "Đảng ủy",
        "kind": Unit.Kind.PARTY,
        "parent": SCHOOL,
        "order": 20,
        "name_en": "Party Committee",
    },
    {
        "name": CELL,
        "kind": Unit.Kind.PARTY,
        "parent": PARTY,
        "order": 25,
        "name_en": "Party Cell of the Personnel and Administration Office",
    },
    {
        "name": TCHC,
        "short_name": "Phòng TCHC",
        "kind": Unit.Kind.OFFICE,
        "parent": SCHOOL,
        "order": 30,
        "name_en": "Personnel and Administration Office",
    },
    {
        "name": TRADE_UNION,
        "kind": Unit.Kind.TRADE_UNION,
        "parent": SCHOOL,
        "order": 70,
        "name_en": "Trade Union",
    },
    {
        "name": YOUTH,
        "kind": Unit.Kind.YOUTH_UNION,
        "parent": SCHOOL,
        "order": 80,
        "name_en": "Youth Union",
    },
    {
        "name": "Phòng Đào tạo",
        "kind": Unit.Kind.OFFICE,
        "parent": SCHOOL,
        "order": 35,
        "name_en": "Academic Affairs Office",
    },
    {
        "name": FACULTY,
        "kind": Unit.Kind.FACULTY,
        "parent": SCHOOL,
        "order": 50,
        "name_en": "Faculty of Education",
    },
    {
        "name": "Trung tâm Ngoại ngữ – Tin học",
        "kind": Unit.Kind.CENTRE,
        "parent": SCHOOL,
        "order": 60,
        "name_en": "Foreign Languages and Informatics Centre",
    },
]

# Positions as the seeds give them; their start and end dates are not known. Ngô Thị
# Yến and Nguyễn Thị Yến are most likely one person named two ways: they stay two
# records, as an import would leave them, for the admin's duplicate finder to show.
PEOPLE = [
    {
        "full_name": QUYNH,
        "honorific": "TS.",
        "positions": [("Bí thư Đảng ủy", PARTY), ("Hiệu trưởng", BOARD)],
    },
    {"full_name": NGO_YEN, "positions": [("Phó Hiệu trưởng", BOARD)]},
    {
        "full_name": NGUYEN_YEN,
        "positions": [("Phó Bí thư Đảng ủy", PARTY), ("Phó Hiệu trưởng", BOARD)],
    },
    {"full_name": THU, "positions": [("Phó Bí thư Đoàn Thanh niên", YOUTH)]},
    {
        "full_name": HUONG,
        "positions": [
            ("Trưởng phòng Tổ chức – Hành chính", TCHC),
            ("Phó Bí thư Chi bộ Tổ chức – Hành chính", CELL),
        ],
    },
    # The seeds sign her articles with the office's name but give no title.
    {"full_name": MO, "positions": [("Viên chức", TCHC)]},
    {"full_name": HUNG, "positions": [("Đảng ủy viên", PARTY)]},
    {"full_name": PHUONG, "positions": [("Đảng ủy viên", PARTY)]},
    {"full_name": LAN, "positions": [("Phó Hiệu trưởng", BOARD)]},
]

MEETINGS = [
    {
        "slug": ANNUAL_REVIEW,
        "title": (
            "Hội nghị tổng kết công tác năm 2023 và triển khai nhiệm vụ công tác "
            "năm 2024"
        ),
        "kind": Meeting.Kind.ANNUAL_REVIEW,
        "starts_at": datetime.datetime(2024, 1, 31, 14, 0, tzinfo=HANOI),
        "time_known": True,
        # The seed does not say where the conference was held.
        "location": "",
        "organizer": SCHOOL,
        "summary": (
            "Nhà trường đánh giá kết quả năm 2023, nghe tham luận về công tác xây "
            "dựng Đảng và chuyên môn, đề ra nhiệm vụ năm 2024 và khen thưởng các tập "
            "thể, cá nhân tiêu biểu."
        ),
        "documents": [
            {
                "kind": MeetingDocument.Kind.PLAN,
                "number": "10/KH-CĐNGT",
                "date": datetime.date(2024, 1, 17),
                # The seed gives the plan's number and date, not its title.
                "title": "",
                "issuer": SCHOOL,
            },
        ],
        "attendees": [
            {
                "person": QUYNH,
                "role": Attendee.Role.CHAIR,
                "position_at_time": "Bí thư Đảng uỷ, Hiệu trưởng Nhà trường",
                "topic": (
                    "Tổng kết Hội nghị; trao Bằng khen cho các tập thể đạt thành "
                    "tích năm 2023"
                ),
            },
            {
                "person": NGO_YEN,
                "role": Attendee.Role.REPORTER,
                "position_at_time": "Phó Hiệu trưởng Nhà trường",
                "topic": (
                    "Báo cáo tổng kết năm 2023 và phương hướng thực hiện nhiệm vụ "
                    "năm 2024"
                ),
            },
            {
                "person": THU,
                "role": Attendee.Role.SPEAKER,
                "position_at_time": "Phó Bí thư Đoàn Thanh niên",
                "topic": "Tham luận tại Hội nghị",
            },
            {
                "person": HUONG,
                "role": Attendee.Role.ANNOUNCER,
                "position_at_time": "Trưởng phòng Tổ chức – Hành chính",
                "topic": (
                    "Công bố các quyết định khen thưởng tập thể và cá nhân đạt thành "
                    "tích năm 2023"
                ),
            },
        ],
        "photos": [
            {
                "caption": (
                    "Đồng chí Ngô Thị Yến – Phó Hiệu trưởng Nhà trường báo cáo tổng "
                    "kết năm 2023 và phương hướng thực hiện nhiệm vụ năm 2024"
                ),
                "people": [NGO_YEN],
                "is_cover": True,
                "scene": "podium",
            },
            {
                "caption": (
                    "Đồng chí Nguyễn Thị Thu – Phó Bí thư Đoàn Thanh niên tham luận "
                    "tại Hội nghị"
                ),
                "people": [THU],
                "scene": "podium",
            },
            {
                "caption": (
                    "Đồng chí Nguyễn Thị Hương – Trưởng phòng Tổ chức – Hành chính "
                    "công bố các quyết định khen thưởng tập thể và cá nhân đạt thành "
                    "tích năm 2023"
                ),
                "people": [HUONG],
                "scene": "podium",
            },
            {
                "caption": (
                    "Đồng chí Nguyễn Hoàng Quỳnh – Bí thư Đảng ủy, Hiệu trưởng Nhà "
                    "trường tổng kết Hội nghị"
                ),
                "people": [QUYNH],
                "scene": "podium",
            },
            {
                "caption": (
                    "Đồng chí Nguyễn Hoàng Quỳnh – Bí thư Đảng ủy, Hiệu trưởng Nhà "
                    "trường trao Bằng khen cho các tập thể đạt thành tích trong năm "
                    "2023"
                ),
                "people": [QUYNH],
                "scene": "award",
            },
        ],
    },
    {
        "slug": THEMATIC,
        "title": (
            "Sinh hoạt chuyên đề năm 2023: Giải pháp nâng cao hiệu quả các phong "
            "trào thi đua, khen thưởng tại Trường Cao đẳng Ngô Gia Tự Bắc Giang"
        ),
        "kind": Meeting.Kind.THEMATIC,
        # The seed gives the date only: midnight, and pages show the date alone.
        "starts_at": datetime.datetime(2023, 9, 27, 0, 0, tzinfo=HANOI),
        "time_known": False,
        "location": "",
        "organizer": CELL,
        "summary": (
            "Chi bộ Tổ chức – Hành chính nhìn lại thực trạng các phong trào thi đua, "
            "khen thưởng của Nhà trường, tìm nguyên nhân và bàn giải pháp cho thời "
            "gian tới."
        ),
        "documents": [
            {
                "kind": MeetingDocument.Kind.PLAN,
                "number": "02-KH/CB",
                "date": datetime.date(2023, 2, 6),
                "title": "Kế hoạch sinh hoạt chuyên đề năm 2023",
                "issuer": CELL,
            },
        ],
        "attendees": [
            {
                "person": HUONG,
                "role": Attendee.Role.CHAIR,
                "position_at_time": "Phó Bí thư Chi bộ",
                "topic": "Đề dẫn chủ đề, định hướng nội dung sinh hoạt",
            },
            {
                "person": NGUYEN_YEN,
                "role": Attendee.Role.GUEST,
                "position_at_time": "Phó Bí thư Đảng ủy, Phó Hiệu trưởng Nhà trường",
            },
            {
                "person": HUNG,
                "role": Attendee.Role.GUEST,
                "position_at_time": "Đảng ủy viên",
            },
            {
                "person": PHUONG,
                "role": Attendee.Role.GUEST,
                "position_at_time": "Đảng ủy viên",
            },
            {
                "person": LAN,
                "role": Attendee.Role.GUEST,
                "position_at_time": "Phó Hiệu trưởng Nhà trường",
            },
            {
                "name": "Đảng viên Chi bộ Tổ chức – Hành chính",
                "role": Attendee.Role.PARTICIPANT,
            },
        ],
        "photos": [
            {
                "caption": (
                    "Đồng chí Nguyễn Thị Hương – Phó Bí thư Chi bộ Tổ chức – Hành "
                    "chính chủ trì Hội nghị sinh hoạt chuyên đề"
                ),
                "people": [HUONG],
                "is_cover": True,
                "scene": "podium",
            },
            {
                "caption": "Các đảng viên đang tích cực thảo luận trong buổi sinh hoạt",
                "people": [],
                "scene": "discussion",
            },
        ],
    },
]

CATEGORIES = [
    {
        "name": "Tin tức – Sự kiện",
        "order": 1,
        "description": "Tin về các hội nghị, sự kiện và hoạt động của Nhà trường.",
    },
    {
        "name": "Hoạt động Đảng – Đoàn thể",
        "order": 2,
        "description": (
            "Hoạt động của Đảng bộ, các chi bộ, Công đoàn và Đoàn Thanh niên."
        ),
    },
    {
        "name": "Thi đua – Khen thưởng",
        "order": 3,
        "description": "Phong trào thi đua và các tập thể, cá nhân được khen thưởng.",
    },
    {
        "name": "Đào tạo",
        "order": 4,
        "description": "Tuyển sinh, đào tạo và hoạt động dạy – học.",
    },
    {
        "name": "Thông báo",
        "order": 5,
        "description": "Thông báo của Nhà trường và các đơn vị.",
    },
]

ARTICLES = [
    {
        "slug": "tong-ket-cong-tac-nam-2023-trien-khai-nhiem-vu-nam-2024",
        "title": (
            "Trường Cao đẳng Ngô Gia Tự Bắc Giang tổng kết công tác năm 2023, "
            "triển khai nhiệm vụ năm 2024"
        ),
        "category": "Tin tức – Sự kiện",
        "meeting": ANNUAL_REVIEW,
        "published_at": datetime.datetime(2024, 2, 1, 16, 0, tzinfo=HANOI),
        "featured": True,
        "byline_person": MO,
        "byline_unit": TCHC,
        "summary": (
            "Chiều 31/01/2024, Nhà trường tổ chức Hội nghị tổng kết công tác năm "
            "2023, thảo luận giải pháp cho năm 2024 và khen thưởng các tập thể, cá "
            "nhân có thành tích xuất sắc."
        ),
        "body": """
<p>Chiều ngày 31/01/2024, Trường Cao đẳng Ngô Gia Tự Bắc Giang tổ chức Hội nghị
tổng kết công tác năm 2023 và triển khai nhiệm vụ công tác năm 2024, theo Kế hoạch
số 10/KH-CĐNGT ngày 17/01/2024 của Nhà trường. TS. Nguyễn Hoàng Quỳnh, Bí thư Đảng
ủy, Hiệu trưởng, chỉ đạo Hội nghị. Tham dự có Đảng ủy, Ban Giám hiệu, lãnh đạo các
đơn vị trực thuộc, Công đoàn, Đoàn Thanh niên và viên chức toàn trường.</p>
<p>Là hoạt động thường niên, Hội nghị nhìn lại một năm làm việc trên từng mặt công
tác: việc đã làm được, những khó khăn, vướng mắc còn lại và nguyên nhân của chúng.
Từ đó, Nhà trường tìm cách để bộ máy vận hành hiệu lực, hiệu quả hơn trong năm
2024.</p>
<p>Đồng chí Ngô Thị Yến, Phó Hiệu trưởng, trình bày báo cáo tổng kết năm 2023 và
phương hướng nhiệm vụ năm 2024. Báo cáo ghi nhận Đảng bộ và Nhà trường đã thực hiện
tốt các mục tiêu của năm; cán bộ, đảng viên, viên chức và người lao động đoàn kết,
chấp hành nghiêm đường lối của Đảng, pháp luật của Nhà nước và làm việc với tinh thần
trách nhiệm cao. Báo cáo cũng chỉ ra một số khó khăn còn phải vượt qua; tập thể Nhà
trường quyết tâm thực hiện thành công các mục tiêu của năm mới.</p>
<h2>Tham luận về công tác Đảng và chuyên môn</h2>
<p>Tiếp theo, các đại biểu trình bày tham luận góp ý xây dựng Nhà trường, trong đó
có tham luận của đồng chí Nguyễn Thị Thu, Phó Bí thư Đoàn Thanh niên. Các ý kiến
xoay quanh bốn vấn đề: nâng cao chất lượng sinh hoạt chi bộ theo chuyên đề; phát
triển đảng viên trong học sinh, sinh viên; nâng cao chất lượng nghiên cứu khoa học
và sáng kiến kinh nghiệm; làm tốt hơn công tác cố vấn học tập. Những đề xuất này sẽ
là căn cứ để Nhà trường đổi mới công tác xây dựng Đảng, công tác chuyên môn và hoạt
động đoàn thể trong thời gian tới.</p>
<p>Bước sang năm 2024, Nhà trường đặt mục tiêu phát huy kết quả đã có, đẩy mạnh
các phong trào thi đua bằng những cách làm mới, nâng cao chất lượng mọi mặt, từ
tuyển sinh đến đào tạo, dạy và học, để giữ vững và nâng cao vị thế của Nhà
trường.</p>
<p>Tại Hội nghị, đồng chí Nguyễn Thị Hương, Trưởng phòng Tổ chức – Hành chính, đọc
các quyết định khen thưởng năm 2023: Nhà trường biểu dương các tập thể, cá nhân
tiêu biểu trong phong trào thi đua, và trao Bằng khen cho các tập thể có thành
tích. Đồng chí Nguyễn Hoàng Quỳnh phát biểu tổng kết, khép lại Hội nghị.</p>
""",
    },
    {
        "slug": "chi-bo-to-chuc-hanh-chinh-sinh-hoat-chuyen-de-thi-dua-khen-thuong",
        "title": (
            "Chi bộ Tổ chức – Hành chính sinh hoạt chuyên đề về nâng cao hiệu quả "
            "thi đua, khen thưởng"
        ),
        "category": "Hoạt động Đảng – Đoàn thể",
        "meeting": THEMATIC,
        "published_at": datetime.datetime(2023, 9, 28, 16, 0, tzinfo=HANOI),
        "featured": False,
        "byline_person": MO,
        "byline_unit": CELL,
        "summary": (
            "Ngày 27/09/2023, Chi bộ Tổ chức – Hành chính sinh hoạt chuyên đề, phân "
            "tích thực trạng các phong trào thi đua, khen thưởng của Nhà trường và "
            "đề xuất giải pháp cho thời gian tới."
        ),
        "body": """
<p>Ngày 27/09/2023, Chi bộ Tổ chức – Hành chính sinh hoạt chuyên đề năm 2023 với
chủ đề “Giải pháp nâng cao hiệu quả các phong trào thi đua, khen thưởng tại
Trường Cao đẳng Ngô Gia Tự Bắc Giang”. Buổi sinh hoạt được tiến hành theo sự chỉ
đạo của Đảng ủy Nhà trường và theo Kế hoạch số 02-KH/CB ngày 06/02/2023 của Chi bộ
về sinh hoạt chuyên đề trong năm.</p>
<p>Đồng chí Nguyễn Thị Hương, Phó Bí thư Chi bộ, chủ trì buổi sinh hoạt. Tham dự có
đồng chí Nguyễn Thị Yến, Phó Bí thư Đảng ủy, Phó Hiệu trưởng Nhà trường; hai đồng chí
Đảng ủy viên Diêm Thế Hưng và Nguyễn Thanh Phương; đồng chí Trần Thị Phương Lan, Phó
Hiệu trưởng Nhà trường, cùng các đảng viên trong Chi bộ.</p>
<p>Nhiều năm nay, Đảng ủy và Ban Giám hiệu coi thi đua, khen thưởng là động lực để
mỗi người và mỗi đơn vị phát huy tính chủ động, sáng tạo và tinh thần đoàn kết, góp
phần hoàn thành nhiệm vụ chính trị của Nhà trường. Để phong trào đạt hiệu quả cao
hơn trong những năm tới, cách làm cần tiếp tục được đổi mới cả về nội dung lẫn hình
thức; đó cũng là lý do Chi bộ chọn chủ đề này.</p>
<h2>Thực trạng, nguyên nhân và giải pháp</h2>
<p>Mở đầu, đồng chí chủ trì đề dẫn chủ đề và định hướng nội dung thảo luận. Các đảng
viên cùng phân tích thực trạng các phong trào thi đua, khen thưởng ở Nhà trường, chỉ
ra những tồn tại và nguyên nhân, rồi đề xuất giải pháp sát với tình hình thực tế để
nâng cao chất lượng phong trào. Buổi sinh hoạt diễn ra nghiêm túc và khoa học.</p>
<p>Qua buổi sinh hoạt, mỗi đảng viên nhận thức đầy đủ hơn bản chất và ý nghĩa của
thi đua, khen thưởng đối với bản thân và đối với nhiệm vụ chính trị của Nhà
trường, nắm vững cơ sở pháp lý để tổ chức phong trào và nâng cao trách nhiệm với
công việc được giao. Theo chỉ đạo của Đảng ủy, nội dung chuyên đề sẽ được các chi
bộ, đoàn thể khác tham khảo trong sinh hoạt và được phổ biến rộng rãi trong toàn
trường.</p>
""",
    },
]

CAMPAIGN = {
    "name": "Phong trào thi đua năm học 2022–2023",
    "period": "2023",
    "launched_by": SCHOOL,
    "description": ILLUSTRATIVE,
}

# Presented at the annual review under the campaign above. Which collectives and
# people were honoured is not in the seeds: no decision numbers are made up.
AWARDS = [
    {"kind": Award.Kind.CERTIFICATE_OF_MERIT, "unit": TCHC},
    {"kind": Award.Kind.CERTIFICATE_OF_MERIT, "unit": YOUTH},
    {"kind": Award.Kind.EXCELLENT_COLLECTIVE, "unit": FACULTY},
    {"kind": Award.Kind.GRASSROOTS_FIGHTER, "person": HUONG},
    {"kind": Award.Kind.ADVANCED_WORKER, "person": THU},
    {"kind": Award.Kind.ADVANCED_WORKER, "person": MO},
]
AWARD_YEAR = 2023
AWARD_TITLE = "Đã có thành tích trong phong trào thi đua năm 2023"


@transaction.atomic
def load_demo():
    """Create the demo content that is missing; return the count of each kind of row.

    Rows that exist are left as they are, so an editor's changes to demo content
    survive the next `make run`; a deleted row or a lost image file comes back.

    Image files are written as the rows are saved; if anything fails, the
    transaction rolls the rows back and the files written so far are removed, so a
    failed run leaves neither rows nor orphaned files behind.
    """
    written = []
    try:
        units = _load_units()
        people = _load_people(units)
        meetings = _load_meetings(units, people, written)
        _load_articles(units, people, meetings, written)
        _load_awards(units, people, meetings)
    except BaseException:
        for storage, names in written:
            delete_files(storage, names)
        raise
    return counts()


def counts():
    """(label, number of rows) for every kind of demo row, in reading order."""
    return [
        ("đơn vị", Unit.objects.count()),
        ("người", Person.objects.count()),
        ("chức vụ", Position.objects.count()),
        ("cuộc họp", Meeting.objects.count()),
        ("văn bản", MeetingDocument.objects.count()),
        ("người dự", Attendee.objects.count()),
        ("ảnh", Photo.objects.count()),
        ("chuyên mục", Category.objects.count()),
        ("bài viết", Article.objects.count()),
        ("phong trào thi đua", Campaign.objects.count()),
        ("khen thưởng", Award.objects.count()),
    ]


def _load_units():
    units = {}
    for data in UNITS:
        units[data["name"]], _ = Unit.objects.get_or_create(
            slug=slugify_vi(data["name"]),
            defaults={
                "name": data["name"],
                "short_name": data.get("short_name", ""),
                "kind": data["kind"],
                "parent": units.get(data["parent"]),
                "order": data["order"],
                "name_en": data.get("name_en", ""),
            },
        )
    return units


def _load_people(units):
    people = {}
    for data in PEOPLE:
        person, _ = Person.objects.get_or_create(
            slug=slugify_vi(data["full_name"]),
            defaults={
                "full_name": data["full_name"],
                "honorific": data.get("honorific", ""),
            },
        )
        for order, (title, unit) in enumerate(data["positions"]):
            Position.objects.get_or_create(
                person=person, title=title, unit=units[unit], defaults={"order": order}
            )
        people[data["full_name"]] = person
    return people


def _load_meetings(units, people, written):
    meetings = {}
    for data in MEETINGS:
        meeting, _ = Meeting.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "kind": data["kind"],
                "starts_at": data["starts_at"],
                "time_known": data["time_known"],
                "location": data["location"],
                "organizer": units[data["organizer"]],
                "summary": data["summary"],
            },
        )
        for document in data["documents"]:
            MeetingDocument.objects.get_or_create(
                meeting=meeting,
                number=document["number"],
                defaults={
                    "kind": document["kind"],
                    "date": document["date"],
                    "title": document["title"],
                    "issuer": units[document["issuer"]],
                },
            )
        for order, attendee in enumerate(data["attendees"], start=1):
            person = people.get(attendee.get("person"))
            Attendee.objects.get_or_create(
                meeting=meeting,
                order=order,
                defaults={
                    "person": person,
                    "name": attendee.get("name", ""),
                    "role": attendee["role"],
                    "position_at_time": attendee.get("position_at_time", ""),
                    "topic": attendee.get("topic", ""),
                },
            )
        for order, photo_data in enumerate(data["photos"], start=1):
            _load_photo(meeting, order, photo_data, people, written)
        meetings[data["slug"]] = meeting
    return meetings


def _load_photo(meeting, order, data, people, written):
    # One cover per meeting is a database constraint: an editor may have chosen
    # another since the last run, and that choice stays.
    is_cover = (
        data.get("is_cover", False)
        and not meeting.photos.filter(is_cover=True).exists()
    )
    photo, created = Photo.objects.get_or_create(
        meeting=meeting,
        order=order,
        defaults={"caption": data["caption"], "is_cover": is_cover},
    )
    if created:
        photo.people.set(people[name] for name in data["people"])
    if not _stored(photo.image):
        content = placeholder_jpeg(f"{meeting.slug}:{order}", scene=data["scene"])
        name = f"{_file_stem(meeting.slug)}-{order:02d}.jpg"
        # Assigned, not saved to storage directly: the photo goes through the same
        # processing as an editor's upload and gets its renditions.
        photo.image = ContentFile(content, name=name)
        photo.save()
        written.append((photo.image.storage, photo.file_names()))


def _load_articles(units, people, meetings, written):
    categories = {}
    for data in CATEGORIES:
        categories[data["name"]], _ = Category.objects.get_or_create(
            name=data["name"],
            defaults={"order": data["order"], "description": data["description"]},
        )
    for data in ARTICLES:
        meeting = meetings[data["meeting"]]
        article, _ = Article.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "category": categories[data["category"]],
                "summary": data["summary"],
                "body": _unwrap(data["body"]),
                "meeting": meeting,
                "byline_person": people[data["byline_person"]],
                "byline_unit": units[data["byline_unit"]],
                "status": Article.Status.PUBLISHED,
                "published_at": data["published_at"],
                "featured": data["featured"],
            },
        )
        if not _stored(article.cover):
            name = f"{_file_stem(article.slug)}.jpg"
            _save_image(article.cover, name, _cover_bytes(meeting), written)


def _load_awards(units, people, meetings):
    campaign, _ = Campaign.objects.get_or_create(
        name=CAMPAIGN["name"],
        defaults={
            "period": CAMPAIGN["period"],
            "launched_by": units[CAMPAIGN["launched_by"]],
            "description": CAMPAIGN["description"],
        },
    )
    for data in AWARDS:
        Award.objects.get_or_create(
            kind=data["kind"],
            year=AWARD_YEAR,
            recipient_person=people.get(data.get("person")),
            recipient_unit=units.get(data.get("unit")),
            defaults={
                "title": AWARD_TITLE,
                "decision_number": "",
                "decision_date": None,
                "citation": ILLUSTRATIVE,
                "campaign": campaign,
                "meeting": meetings[ANNUAL_REVIEW],
            },
        )


def _save_image(field_file, name, content, written):
    """Store ``content`` through the field, which saves the row too.

    The ContentFile needs a name: without one, ImageField takes the file for empty
    and leaves width and height NULL.
    """
    field_file.save(name, ContentFile(content, name=name))
    written.append((field_file.storage, [field_file.name]))


def _stored(field_file):
    """Whether the row names a file and the storage still has it.

    A database kept while media/ was emptied has names without files: those get a
    new image instead of a broken one.
    """
    return bool(field_file) and field_file.storage.exists(field_file.name)


def _cover_bytes(meeting):
    """The meeting's cover photo, so that the article and its gallery match."""
    cover = meeting.cover
    if cover is None:
        return placeholder_jpeg(meeting.slug)
    with cover.image.open("rb") as image:
        return image.read()


def _file_stem(slug, max_length=48):
    # Upload paths share a 100-character column with their folders; a cut at a
    # hyphen keeps the file name made of whole words.
    if len(slug) <= max_length:
        return slug
    return slug[: max_length + 1].rsplit("-", 1)[0]


def _unwrap(html):
    """One line per paragraph: the source above is wrapped to fit 88 columns."""
    return re.sub(r">\s+<", ">\n<", " ".join(html.split()))
