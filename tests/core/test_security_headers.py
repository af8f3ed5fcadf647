"""Public pages carry a strict Content Security Policy; the admin a looser one."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": [
        "'self'",
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
    ],
    "frame-ancestors": ["'self'"],
}


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in directives, f"{name} given twice"
        directives[name] = sources
    return directives


@pytest.mark.parametrize(
    "name", ["home", "news:article_list", "search", "robots_txt", "feed"]
)
def test_public_pages_get_the_strict_policy(client, name):
    """No inline script, no eval, no inline style, no plug-ins, no framing."""
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert policy(response) == PUBLIC_POLICY


def test_not_found_page_gets_the_strict_policy(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert policy(response) == PUBLIC_POLICY


def test_admin_gets_its_own_policy(client, staff_client):
    """The admin, where CKEditor 4 runs, allows inline script and style and eval."""
    assert policy(client.get(reverse("admin:login"))) == ADMIN_POLICY
    response = staff_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert policy(response) == ADMIN_POLICY


def test_editor_views_get_the_admin_policy(staff_client):
    response = staff_client.get(reverse("ckeditor_browse"))
    assert policy(response) == ADMIN_POLICY


def test_admin_policy_follows_admin_url(client, settings):
    """With the admin moved (DJANGO_ADMIN_URL), the old path is public."""
    settings.NGT_EDITOR_PATHS = ("/quan-tri/", "/ckeditor/")
    assert policy(client.get(reverse("admin:login"))) == PUBLIC_POLICY


def test_other_security_headers(client):
    response = client.get(reverse("home"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
