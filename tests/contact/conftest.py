"""The office's details and messages the contact tests share."""

import pytest
from django.core.cache import cache

from contact.models import Message, Office

OFFICE = {
    "address": "Số 1 đường Ví Dụ, phường Thử Nghiệm, tỉnh Bắc Giang",
    "phone": "0204 3854 123",
    "email": "vanphong@truong-thu.edu.vn",
    "office_hours": "Thứ Hai đến Thứ Sáu, 7h30–11h30 và 13h30–17h00",
    "map_url": "https://maps.example.vn/truong",
    "content_officer_name": "Nguyễn Văn Thử",
    "content_officer_position": "Phó Hiệu trưởng",
}


@pytest.fixture
def office(db):
    """The office's details as the office filled them in (made-up values)."""
    Office.objects.update_or_create(pk=Office.SINGLETON_PK, defaults=OFFICE)
    cache.clear()
    return Office.objects.get()


def make_message(**fields):
    values = {
        "name": "Nguyễn Thị Hương",
        "email": "huong@example.com",
        "subject": "Hỏi về tuyển sinh năm 2024",
        "text": "Xin hỏi Nhà trường tuyển sinh ngành Mầm non khi nào?",
    }
    values.update(fields)
    return Message.objects.create(**values)


def published(**fields):
    """A message the office answered and published."""
    values = {
        "answer": "Nhà trường tuyển sinh từ tháng 3.",
        "status": Message.Status.ANSWERED,
        "is_published": True,
    }
    return make_message(**{**values, **fields})
