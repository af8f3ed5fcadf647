"""Units and staff: the college's offices, faculties and unions, a few hundred people
with Vietnamese names, and the positions they held over the years."""

import datetime

from core.text import fold, person_sort_key, slugify_vi
from devtools.bench_data.common import SCHOOL, SlugPool, bulk
from people.models import Person, Position, Unit

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


class PeopleSteps:
    """The generator's steps for units and people.

    Uses ``rng``, ``log``, ``n_meetings``, ``n_articles``, ``today`` and
    ``random_moment()``; sets ``units``, ``school``, ``people`` and ``titles`` (each
    person's positions, by primary key) for the later steps.
    """

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
        self.people = bulk(Person, rows, self.log)
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
        bulk(Position, positions, self.log)
