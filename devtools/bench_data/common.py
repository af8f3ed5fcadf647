"""What the generator's steps share: words several kinds of content use, and the
helpers that write rows the way ``save()`` would, many at a time."""

from core.text import slugify_vi

BATCH_SIZE = 2000
SCHOOL = "Trường Cao đẳng Ngô Gia Tự Bắc Giang"

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


def weighted(rng, choices):
    """One of ``choices``, [(value, weight)], drawn by weight."""
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def capitalise(text):
    return text[:1].upper() + text[1:]


def bulk(model, rows, log=None):
    """``bulk_create`` in batches; the created rows (with primary keys)."""
    created = []
    for row in rows:
        # The folded search columns save() fills (core.admin_tools.FoldedSearchMixin).
        if hasattr(row, "fold_search_text"):
            row.fold_search_text()
    for start in range(0, len(rows), BATCH_SIZE):
        created += model.objects.bulk_create(rows[start : start + BATCH_SIZE])
    if log and rows:
        log(f"  {model._meta.db_table}: {len(rows)}")
    return created


def date_text(day):
    return f"{day:%d/%m/%Y}"
