"""Library documents for the tests, with the facts of a college plan."""

import datetime

from documents.models import Document


def make_document(**fields):
    """A public document, "Kế hoạch số 10/KH-CĐNGT" unless told otherwise."""
    values = {
        "kind": Document.Kind.PLAN,
        "number": "10/KH-CĐNGT",
        "title": "Tổ chức Hội nghị tổng kết công tác năm 2023",
        "issued_on": datetime.date(2024, 1, 17),
        "signer": "Nguyễn Hoàng Quỳnh",
    }
    values.update(fields)
    return Document.objects.create(**values)
