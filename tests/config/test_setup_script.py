"""`./run` installs every outside command that the app or the tests call (issue 7, item 1).

A fresh machine once failed two receipt-PDF tests because poppler-utils had been installed by
hand. This test finds the outside programs the Python code names (in subprocess calls, helpers
such as `pdf_tool("pdffonts", …)`, and absolute /usr/bin paths) and checks that `run` has a
`need COMMAND PACKAGE` line for each, so adding a new one without its install step fails here.
"""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [
    "accounts",
    "config",
    "contests",
    "submissions",
    "scoring",
    "reports",
    "tests",
    "bench",
]
# Programs from Debian packages (not from the venv) that code may run.
OUTSIDE = re.compile(
    r"""["'](?:/usr/bin/)?(pdf[a-z]+|pdftoppm|msgfmt|chromium|pg_dump|pg_restore|psql|createdb|"""
    r"""libreoffice|xvfb-run)["']"""
)


def needed_by_code() -> set[str]:
    found = set()
    for folder in SOURCE_DIRS:
        for path in (BASE_DIR / folder).rglob("*.py"):
            found.update(OUTSIDE.findall(path.read_text(encoding="utf-8")))
    return found


def installed_by_run() -> dict[str, str]:
    script = (BASE_DIR / "run").read_text(encoding="utf-8")
    return {
        Path(command).name: package
        for command, package in re.findall(r"^\s*need (\S+) (\S+)$", script, re.M)
    }


def test_run_installs_every_outside_command_the_code_calls():
    needed, installed = needed_by_code(), installed_by_run()
    assert {"pdffonts", "pdftotext", "pdfinfo", "chromium"} <= needed
    assert sorted(needed - installed.keys()) == []


def test_run_maps_commands_to_debian_packages():
    assert installed_by_run() == {
        "msgfmt": "gettext",
        "pg_dump": "postgresql-client",
        "pg_restore": "postgresql-client",
        "chromium": "chromium",
        "pdffonts": "poppler-utils",
        "pdftotext": "poppler-utils",
        "pdfinfo": "poppler-utils",
        "pdftoppm": "poppler-utils",
        "pdfdetach": "poppler-utils",
    }
