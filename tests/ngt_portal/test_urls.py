"""Every public URL has its Vietnamese, unaccented path (docs/architecture.md)."""

import pytest
from django.urls import resolve, reverse

# (name, args, path): the paths of docs/architecture.md, unaccented ASCII.
PUBLIC_URLS = [
    ("home", [], "/"),
    ("news:article_list", [], "/tin-tuc/"),
    ("news:category", ["tin-tuc-su-kien"], "/tin-tuc/tin-tuc-su-kien/"),
    (
        "news:article_detail",
        ["tin-tuc-su-kien", "tong-ket-nam-2023"],
        "/tin-tuc/tin-tuc-su-kien/tong-ket-nam-2023/",
    ),
    ("events:meeting_list", [], "/su-kien/"),
    (
        "events:meeting_detail",
        ["hoi-nghi-tong-ket-cong-tac-nam-2023"],
        "/su-kien/hoi-nghi-tong-ket-cong-tac-nam-2023/",
    ),
    ("awards:honour_roll", [], "/khen-thuong/"),
    ("awards:honour_roll_year", [2023], "/khen-thuong/2023/"),
    ("people:person_detail", ["nguyen-hoang-quynh"], "/nhan-su/nguyen-hoang-quynh/"),
    (
        "people:unit_detail",
        ["phong-to-chuc-hanh-chinh"],
        "/don-vi/phong-to-chuc-hanh-chinh/",
    ),
    ("search", [], "/tim-kiem/"),
    ("feed", [], "/rss/"),
    ("category_feed", ["thong-bao"], "/rss/thong-bao/"),
    ("atom_feed", [], "/atom/"),
    ("category_atom_feed", ["thong-bao"], "/atom/thong-bao/"),
    ("sitemap", [], "/sitemap.xml"),
    ("sitemap_section", ["articles"], "/sitemap-articles.xml"),
    ("robots_txt", [], "/robots.txt"),
]


@pytest.mark.parametrize(("name", "args", "path"), PUBLIC_URLS)
def test_reverse_gives_the_vietnamese_path(name, args, path):
    """Each named public URL reverses to the path the architecture gives it."""
    assert reverse(name, args=args) == path


@pytest.mark.parametrize(("name", "args", "path"), PUBLIC_URLS)
def test_resolve_gives_the_name_back(name, args, path):
    """Each public path resolves to its name, with its parts as arguments."""
    match = resolve(path)

    assert match.view_name == name
    assert list(match.captured_kwargs.values()) == args


def test_the_year_of_the_honour_roll_is_a_number():
    """The honour roll's year reaches the view as an int, not as text."""
    assert resolve("/khen-thuong/2023/").kwargs == {"year": 2023}
