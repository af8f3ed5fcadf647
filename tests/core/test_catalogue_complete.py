"""Every string the portal marks for translation is in the Vietnamese catalogue.

``makemessages`` runs on a copy of the source tree and what it extracts is compared
with the committed catalogue: a string added to the code without its Vietnamese
translation fails here, before a visitor reads it in English.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale/vi/LC_MESSAGES/django.po"
SKIP_DIRS = {".venv", "media", "staticfiles", ".git", "node_modules", "artifacts"}


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext is not installed (apt-get install gettext): "
    "the catalogue's completeness cannot be checked",
)
def test_catalogue_has_every_marked_string(tmp_path):
    """makemessages finds no msgid that the committed catalogue lacks."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=lambda folder, names: [n for n in names if n in SKIP_DIRS],
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "vi",
            "--no-obsolete",
            "--ignore",
            "tests/*",
            "--ignore",
            "core/django_vi/*",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po"))
    committed = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(CATALOGUE))
        if entry.translated() and not entry.fuzzy
    }
    missing = sorted(
        entry.msgid
        for entry in extracted
        if not entry.obsolete and (entry.msgctxt, entry.msgid) not in committed
    )
    assert missing == [], "add these to locale/vi/LC_MESSAGES/django.po: " + repr(
        missing
    )
