"""Staff and visitors read Vietnamese only, even where Django's catalogues lack it.

Django's own ``vi`` catalogues miss the strings newer Django versions added, so
core/django_vi/locale/vi/LC_MESSAGES/django.po (an app catalogue, merged under the
admin's) and locale/vi/LC_MESSAGES/djangojs.po (loaded by the admin's JavaScript
catalogue) fill them. These tests only cover Django's, django-ckeditor's and
those catalogues' strings; the project's own strings have their own catalogue.
"""

import json
import re
from pathlib import Path

import ckeditor
import ckeditor_uploader
import django
import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import MeetingFactory, PersonFactory

DJANGO_DIR = Path(django.__file__).resolve().parent
CATALOGUE_ROOTS = [
    Path(settings.BASE_DIR) / "locale",
    Path(settings.BASE_DIR) / "core" / "django_vi" / "locale",
]
PO_FILES = sorted(path for root in CATALOGUE_ROOTS for path in root.rglob("*.po"))
OUR_CATALOGUES = [
    Path(settings.BASE_DIR) / "core/django_vi/locale/vi/LC_MESSAGES/django.po",
    Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/djangojs.po",
]
# Django's English source catalogues (django domain) whose strings the admin and
# the site can show. admindocs is not installed.
DJANGO_SOURCES = [
    "contrib/admin",
    "contrib/auth",
    "contrib/contenttypes",
    "contrib/sessions",
    "conf",
]

# Strings written the same way in Vietnamese, so an identical msgstr is right.
SAME_IN_VIETNAMESE = {
    ":",  # punctuation
    ", ",  # list separator
    ":?.!",  # punctuation that ends a label
    "…",  # the paginator's ellipsis
    "%(truncated_text)s…",  # placeholder and ellipsis only
    "%(class_name)s %(instance)s",  # placeholders only
    "%s KB",  # units of size are international
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
    "%(size)d byte",
    "IPv4",  # protocol names
    "IPv6",
    "Email",  # the word Vietnamese offices use
}
# Left English by Django's vi catalogues of admin, auth and sessions. Those rank
# above ngt_portal's catalogue (apps listed earlier in INSTALLED_APPS win), so only
# the project catalogue in LOCALE_PATHS could override them. None shows in this
# admin: the LogEntry fallback label appears only for an unknown action flag, the
# hash details only for Argon2/scrypt hashes (the portal hashes with PBKDF2), and
# sessions are not registered in the admin.
DJANGO_KEEPS_ENGLISH = {
    "LogEntry Object",  # LogEntry.__str__ for an unknown action flag
    "variety",  # Argon2 hash summary
    "version",  # Argon2 hash summary
    "memory cost",  # Argon2 hash summary
    "time cost",  # Argon2 hash summary
    "parallelism",  # Argon2 and scrypt hash summaries
    "block size",  # scrypt hash summary
    "session key",  # Session field, not in the admin
    "session data",  # Session field, not in the admin
}

# English that Django 5.2's admin templates render for accessibility or as
# controls; each must reach staff in Vietnamese.
ADMIN_ENGLISH = [
    "Skip to main content",
    "Toggle theme",
    "Breadcrumbs",
    "Toggle navigation",
    "Sidebar",
    "Filter navigation items",
    "Show counts",
    "Hide counts",
    "Model name",
    "Add link",
    "Change or view list link",
    "Select all objects on this page for an action",
    "Select this object for an action",
]

PLACEHOLDER = re.compile(
    r"%(?:\([^)]+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa%]"  # printf
    r"|\{[^{}\s]*\}"  # str.format
    r"|<[^<>]+>"  # HTML tags
    r"|&#?\w+;"  # HTML entities
)


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


def messages(catalogue):
    """msgctxt and msgid -> msgstr (a tuple of forms for plural entries)."""
    result = {}
    for entry in catalogue:
        if not entry.msgid or entry.obsolete:
            continue  # the header
        if entry.msgid_plural:
            plural = entry.msgstr_plural
            result[entry.msgctxt, entry.msgid] = tuple(
                plural[index] for index in sorted(plural)
            )
        else:
            result[entry.msgctxt, entry.msgid] = entry.msgstr
    return result


def django_source(app, domain="django"):
    return polib.pofile(DJANGO_DIR / app / "locale/en/LC_MESSAGES" / f"{domain}.po")


def translations_of(entry):
    """What the active language makes of an English source entry, with the
    English each result must differ from."""
    context, singular, plural = entry.msgctxt, entry.msgid, entry.msgid_plural
    if not plural:
        if context:
            return [(translation.pgettext(context, singular), singular)]
        return [(translation.gettext(singular), singular)]
    results = []
    for number, english in [(1, singular), (2, plural), (5, plural)]:
        if context:
            result = translation.npgettext(context, singular, plural, number)
        else:
            result = translation.ngettext(singular, plural, number)
        results.append((result, english))
    return results


def relative(path):
    return str(path.relative_to(settings.BASE_DIR))


def test_the_catalogues_exist():
    """Both catalogues that fill Django's gaps are in place and compiled."""
    for path in OUR_CATALOGUES:
        assert path.is_file(), relative(path)
        assert path.with_suffix(".mo").is_file(), relative(path)
        assert path in PO_FILES


@pytest.mark.parametrize("path", OUR_CATALOGUES, ids=relative)
def test_our_catalogues_declare_vietnamese(path):
    """Our catalogues say they are Vietnamese UTF-8 with Vietnamese's single
    plural form, and tell the reader to review them when Django is upgraded."""
    catalogue = polib.pofile(path)
    assert catalogue.metadata["Language"] == "vi"
    assert catalogue.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert "Django" in catalogue.header
    assert "upgraded" in catalogue.header.lower()


@pytest.mark.parametrize("path", PO_FILES, ids=relative)
def test_every_entry_is_translated_with_the_same_placeholders(path):
    """Every entry has a translation that is not fuzzy and keeps the msgid's
    placeholders (%s, %(x)s, {}, {x}) and HTML tags and entities, no more, no
    fewer. The one Vietnamese plural form serves every count, so it keeps those
    of the English plural."""
    problems = []
    for entry in polib.pofile(path):
        if entry.obsolete:
            continue
        label = f"{entry.msgctxt or ''} {entry.msgid!r}".strip()
        if entry.fuzzy:
            problems.append(f"fuzzy: {label}")
        if not entry.translated():
            problems.append(f"untranslated: {label}")
            continue
        if entry.msgid_plural:
            expected = placeholders(entry.msgid_plural)
            forms = entry.msgstr_plural.values()
        else:
            expected = placeholders(entry.msgid)
            forms = [entry.msgstr]
        for form in forms:
            if placeholders(form) != expected:
                problems.append(f"placeholders {placeholders(form)}: {label}")
    assert problems == []


@pytest.mark.parametrize("path", PO_FILES, ids=relative)
def test_every_mo_matches_its_po(path):
    """Each compiled .mo holds exactly the translations of its .po."""
    compiled = path.with_suffix(".mo")
    assert compiled.is_file(), f"{relative(path)} is not compiled"
    source = polib.pofile(path)
    binary = polib.mofile(compiled)
    assert messages(binary) == messages(source)
    assert binary.metadata.get("Plural-Forms") == source.metadata.get("Plural-Forms")


@pytest.mark.parametrize("app", DJANGO_SOURCES)
def test_django_strings_are_vietnamese(app):
    """Under Vietnamese, every string of Django's catalogues that the portal
    can show comes out different from the English, bar the short lists above."""
    english = []
    with translation.override("vi"):
        for entry in django_source(app):
            if entry.obsolete or entry.msgid in SAME_IN_VIETNAMESE:
                continue
            if entry.msgid in DJANGO_KEEPS_ENGLISH:
                continue
            english += [
                english_text
                for result, english_text in translations_of(entry)
                if result == english_text
            ]
    assert english == []


def test_the_allow_lists_name_django_strings():
    """Every allow-listed string is still in Django's catalogues, so the lists
    shrink when Django drops or changes one."""
    known = {
        entry.msgid
        for app in DJANGO_SOURCES
        for entry in django_source(app)
        if not entry.obsolete
    }
    assert SAME_IN_VIETNAMESE - known == set()
    assert DJANGO_KEEPS_ENGLISH - known == set()


def ckeditor_strings():
    """The strings django-ckeditor marks for translation in its templates and
    Python code (it ships no catalogue of its own)."""
    template_string = re.compile(
        r"""\{%\s*(?:trans|translate)\s+(?:"([^"]*)"|'([^']*)')"""
    )
    python_string = re.compile(
        r"""\b(?:_|gettext|gettext_lazy)\(\s*(?:"([^"]*)"|'([^']*)')\s*\)"""
    )
    found = set()
    for package in (ckeditor, ckeditor_uploader):
        folder = Path(package.__file__).resolve().parent
        for path in folder.rglob("*.html"):
            for match in template_string.finditer(path.read_text(encoding="utf-8")):
                found.add(match.group(1) or match.group(2))
        for path in folder.rglob("*.py"):
            for match in python_string.finditer(path.read_text(encoding="utf-8")):
                found.add(match.group(1) or match.group(2))
    return found


def test_ckeditor_strings_are_vietnamese():
    """The file browser's strings and its search label are Vietnamese."""
    strings = ckeditor_strings()
    assert "Embed Image" in strings
    assert "Search files" in strings
    with translation.override("vi"):
        english = [text for text in strings if translation.gettext(text) == text]
    assert english == []


@pytest.fixture
def admin_client_vi(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser(
        "quantri", "quantri@example.com", "mat-khau-thu-nghiem"
    )
    client.force_login(user)
    return client


def javascript_catalogue(response):
    """The translations a jsi18n response installs: the JSON object assigned to
    ``newcatalog`` in Django's i18n_catalog.js template."""
    text = response.content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", text, re.DOTALL)
    assert match, "no catalogue in the JavaScript"
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_admin_javascript_catalogue_is_vietnamese(admin_client_vi):
    """The admin's JavaScript catalogue translates every string of Django's
    admin scripts: the calendar's day names, their abbreviations, the
    filter-select widget..."""
    response = admin_client_vi.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    text = response.content.decode()
    # json.dumps escapes non-ASCII characters, as Django's view does.
    assert json.dumps("Chủ nhật") in text
    for day in ["Sunday", "Monday", "Saturday"]:
        assert f'"{day}": "{day}"' not in text

    catalogue = javascript_catalogue(response)
    assert catalogue["Sunday"] == "Chủ nhật"
    assert catalogue["Monday"] == "Thứ hai"
    assert catalogue["abbrev. day Sunday\x04Sun"] == "CN"
    assert catalogue["abbrev. day Monday\x04Mon"] == "T2"

    english = []
    for entry in django_source("contrib/admin", "djangojs"):
        if entry.obsolete:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        value = catalogue.get(key)
        if entry.msgid_plural:
            if not value or entry.msgid_plural in value or entry.msgid in value:
                english.append(entry.msgid)
        elif value in (None, "", entry.msgid):
            english.append(entry.msgid)
    assert english == []


@pytest.fixture
def admin_pages(admin_client_vi):
    """The admin index, two changelists (one with filters, both with a row so
    the action checkboxes render) and an add form with date pickers."""
    PersonFactory()
    MeetingFactory()
    return {
        url: admin_client_vi.get(url)
        for url in [
            reverse("admin:index"),
            reverse("admin:people_person_changelist"),
            reverse("admin:events_meeting_changelist"),
            reverse("admin:events_meeting_add"),
        ]
    }


@pytest.mark.django_db
def test_admin_pages_show_no_english_from_django(admin_pages):
    """Django's accessibility labels and controls reach staff in Vietnamese."""
    for url, response in admin_pages.items():
        assert response.status_code == 200, url
        html = response.content.decode()
        assert [text for text in ADMIN_ENGLISH if text in html] == [], url
        assert "Chuyển đến nội dung chính" in html, url
        assert "Đổi giao diện (giao diện hiện tại: tự động)" in html, url


@pytest.mark.django_db
def test_admin_changelist_and_form_labels_are_vietnamese(admin_pages):
    """The labels Django's vi catalogue lacked show in Vietnamese where the
    admin renders them: navigation, sidebar, facets and action checkboxes."""
    changelist = admin_pages[reverse("admin:events_meeting_changelist")]
    html = changelist.content.decode()
    assert 'aria-label="Đường dẫn điều hướng"' in html
    assert 'aria-label="Thanh bên"' in html
    assert 'aria-label="Lọc các mục điều hướng"' in html
    assert "Hiện số lượng" in html
    assert "Chọn tất cả đối tượng trên trang này để thực hiện hành động" in html
    assert "Chọn đối tượng này để thực hiện hành động - " in html


@pytest.mark.django_db
def test_user_pages_are_vietnamese(admin_client_vi, django_user_model):
    """The user add form and the password page, whose password-based
    authentication strings are new in Django 5.1, read Vietnamese."""
    user = django_user_model.objects.get(username="quantri")
    add = admin_client_vi.get(reverse("admin:auth_user_add")).content.decode()
    assert "Xác thực bằng mật khẩu" in add
    assert "Password-based authentication" not in add
    password = admin_client_vi.get(
        reverse("admin:auth_user_password_change", args=[user.pk])
    ).content.decode()
    assert "Tắt xác thực bằng mật khẩu" in password
    assert "password-based authentication" not in password.lower()


@pytest.mark.django_db
def test_ckeditor_file_browser_is_vietnamese(admin_client_vi):
    """The editor's "Browse server" opens the media library, which reads Vietnamese
    and none of django-ckeditor's English browser."""
    response = admin_client_vi.get(
        reverse("ckeditor_browse") + "?CKEditorFuncNum=1", follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thư viện ảnh" in html
    english = [text for text in ckeditor_strings() if text.strip() in html]
    assert english == []
