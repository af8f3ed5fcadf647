"""Every admin page a school office uses opens, with the demo content loaded."""

import pytest
from django.contrib import admin
from django.urls import reverse

# The demo content is loaded once for the module (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def admin_models():
    return [
        model
        for model in admin.site._registry
        if model._meta.app_label in {"people", "events", "news", "awards"}
    ]


def test_changelist_and_forms_open(staff_client):
    """For every model, the list, the add form and the change form of every demo row
    open with status 200."""
    for model in admin_models():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        changelist = reverse(f"{prefix}_changelist")
        assert staff_client.get(changelist).status_code == 200, changelist
        add = reverse(f"{prefix}_add")
        assert staff_client.get(add).status_code == 200, add
        rows = list(model._default_manager.all())
        assert rows, f"the demo content has no {opts.label}"
        for row in rows:
            change = reverse(f"{prefix}_change", args=[row.pk])
            assert staff_client.get(change).status_code == 200, change


def test_every_list_filter_and_search_answers(staff_client):
    """Each list filter choice and a Vietnamese search open without error."""
    for model in admin_models():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = staff_client.get(url)
        for spec in response.context["cl"].filter_specs:
            for choice in spec.choices(response.context["cl"]):
                query = choice["query_string"]
                assert staff_client.get(url + query).status_code == 200, (url, query)
        assert staff_client.get(url, {"q": "Đảng ủy hội nghị"}).status_code == 200


def test_admin_index_is_vietnamese(staff_client):
    """The admin's own words are Vietnamese."""
    response = staff_client.get(reverse("admin:index"))
    text = response.content.decode()
    assert "Hội nghị – Sự kiện" in text
    assert "Nhân sự – Đơn vị" in text
    assert '<html lang="vi"' in text
