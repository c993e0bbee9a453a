"""The Korean catalogue is complete and current: every message the code and templates use has
a Korean translation, none is fuzzy, and the committed django.po holds exactly those messages.

`makemessages` runs in a copy of the source tree (the committed catalogue is never touched), so a
string added without its translation, or a catalogue not regenerated after a change, fails here.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
CATALOGUE = Path("ko/LC_MESSAGES/django.po")


def msgids(po: Path) -> set[str]:
    """Every msgctxt+msgid of a catalogue, read through gettext's own msgattrib."""
    result = subprocess.run(  # noqa: S603
        ["msgattrib", "--no-wrap", "--no-location", str(po)],  # noqa: S607
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    keys, context = set(), ""
    for line in result.stdout.splitlines():
        if line.startswith("msgctxt "):
            context = line[8:]
        elif line.startswith("msgid "):
            keys.add(context + "\x04" + line[6:])
            context = ""
    keys.discard('\x04""')
    return keys


def entries(po: Path, *flags: str) -> list[str]:
    result = subprocess.run(  # noqa: S603
        ["msgattrib", *flags, "--no-wrap", "--no-location", str(po)],  # noqa: S607
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [line for line in result.stdout.splitlines() if line.startswith("msgid ")]


def test_korean_catalogue_is_complete_and_current(tmp_path):
    copy = tmp_path / "src"
    skip = shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "staticfiles", "media", "*.sqlite3", "__pycache__"
    )
    shutil.copytree(BASE_DIR, copy, ignore=skip)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ko", "--no-obsolete", "-v0"],
        cwd=copy, env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True, timeout=300,
    )  # fmt: skip
    regenerated = copy / "locale" / CATALOGUE
    assert entries(regenerated, "--untranslated") == []
    assert entries(regenerated, "--only-fuzzy") == []
    assert msgids(regenerated) == msgids(BASE_DIR / "locale" / CATALOGUE)
