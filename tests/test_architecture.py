"""The arrows between the apps hold, in Python and in templates (docs/architecture.md).

``core ← people ← events ← news``, ``people, events ← awards``; ``pages``, ``ops`` and
``demo`` sit above the domain apps and may use them all; ``devtools`` sits above
everything and nothing installed in production imports it. ``ngt_portal`` is
configuration: it may import anything, nothing imports it.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOMAIN = {"people", "events", "news", "awards", "documents", "contact"}
ABOVE = {"pages", "ops", "demo"}
# What each app may import besides itself (Django, libraries and the standard
# library aside).
ALLOWED = {
    "core": set(),
    "people": {"core"},
    # The document library sits beside the meetings: a meeting's documents and an
    # article's citations point to it, and it knows neither.
    "documents": {"core", "people"},
    "events": {"core", "people", "documents"},
    "news": {"core", "people", "events", "documents"},
    "awards": {"core", "people", "events"},
    # Visitors' messages know nothing of the rest.
    "contact": {"core"},
    "pages": {"core"} | DOMAIN,
    "ops": {"core"} | DOMAIN,
    "demo": {"core"} | DOMAIN,
    "devtools": {"core", "ops", "demo", "pages"} | DOMAIN,
}
APPS = set(ALLOWED) | {"ngt_portal"}
# Templates outside an app's folder (base.html, includes/, the error pages, the
# admin's overrides) belong to no app and may be used by all.
TEMPLATES = ROOT / "templates"
TEMPLATE_REFERENCE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
TAG_LIBRARIES = {"photos": "events"}


def imported_apps(path):
    """The portal's apps a Python file imports, at any depth of the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & APPS
    return found


def python_files(app):
    return sorted((ROOT / app).rglob("*.py"))


def import_edges():
    for app in ALLOWED:
        for path in python_files(app):
            for target in imported_apps(path) - {app}:
                yield app, path.relative_to(ROOT), target


def template_app(name):
    first = name.split("/")[0]
    return first if first in ALLOWED and "/" in name else None


def template_edges():
    for path in sorted(TEMPLATES.rglob("*.html")):
        owner = template_app(path.relative_to(TEMPLATES).as_posix())
        if owner is None:
            continue
        text = path.read_text()
        targets = {template_app(name) for name in TEMPLATE_REFERENCE.findall(text)}
        for libraries in LOAD.findall(text):
            targets |= {TAG_LIBRARIES.get(name) for name in libraries.split()}
        for target in targets - {None, owner}:
            yield owner, path.relative_to(ROOT), target


def test_every_app_is_known_to_the_check():
    """A new app gets its place in the arrows before it gets code."""
    packages = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if not path.parent.name.startswith(".")
    }
    assert packages <= set(ALLOWED), packages - set(ALLOWED)


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_python_imports_point_down(app):
    """No app imports one beside or above it, nor the configuration package."""
    wrong = [
        f"{path} imports {target}"
        for owner, path, target in import_edges()
        if owner == app and target not in ALLOWED[app]
    ]
    assert wrong == []


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_templates_point_down(app):
    """An app's templates include, extend and load only what is at or below it."""
    wrong = [
        f"{path} uses {target}"
        for owner, path, target in template_edges()
        if owner == app and target not in ALLOWED[app]
    ]
    assert wrong == []


def test_the_check_sees_a_wrong_arrow(tmp_path):
    """The checks above would catch an import or an include pointing up."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from news.models import Article\n")
    assert imported_apps(module) == {"news"}
    assert template_app("news/article_list.html") == "news"
    assert template_app("base.html") is None


def test_production_does_not_need_devtools():
    """Only devtools itself and the configuration name it."""
    users = [
        str(path.relative_to(ROOT))
        for app in ALLOWED.keys() - {"devtools"}
        for path in python_files(app)
        if "devtools" in imported_apps(path)
    ]
    assert users == []


def test_the_configuration_is_configuration():
    """ngt_portal holds settings, URLs and the server entry points, nothing else."""
    names = sorted(
        path.relative_to(ROOT / "ngt_portal").as_posix()
        for path in (ROOT / "ngt_portal").rglob("*.py")
    )
    assert names == ["__init__.py", "asgi.py", "settings.py", "urls.py", "wsgi.py"]


def test_no_application_file_is_over_600_lines():
    """A file a newcomer opens can be read in one sitting."""
    long = [
        f"{path.relative_to(ROOT)}: {lines}"
        for app in APPS
        for path in python_files(app)
        if "migrations" not in path.parts
        and (lines := len(path.read_text().splitlines())) > 600
    ]
    assert long == []
