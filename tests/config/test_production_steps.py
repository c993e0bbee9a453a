"""The README's production steps, run as written (issue 7, item 2).

`check --deploy` passing once hid a `collectstatic` that failed in production mode: KRDS ships a
stylesheet whose image paths do not exist, and hashed-name post-processing refuses it. This test
reads the shell block under "## Production settings" in the README and runs every
`.venv/bin/python manage.py …` line in it with production settings, a fresh SQLite database and
a temporary STATIC_ROOT, so the documented steps cannot drift from what works.
"""

import json
import re
import shlex
from pathlib import Path

from tests.production import manage, production_env

BASE_DIR = Path(__file__).resolve().parents[2]


def readme_production_commands() -> list[list[str]]:
    readme = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Production settings", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = []
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith(".venv/bin/python manage.py"):
            commands.append(shlex.split(line)[1:])
    return commands


def test_readme_lists_the_production_steps():
    assert readme_production_commands() == [
        ["manage.py", "check", "--deploy"],
        ["manage.py", "migrate"],
        ["manage.py", "createcachetable"],
        ["manage.py", "collectstatic", "--noinput"],
    ]


def test_readme_production_steps_run_in_production_mode(tmp_path):
    env = production_env(
        ALLOWED_HOSTS="simsa.example.kr",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    for command in readme_production_commands():
        result = manage(*command[1:], "-v1", env=env, timeout=300)
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-4000:])
        if command[1] == "check":
            assert result.stdout.strip() == "System check identified no issues (0 silenced)."

    # Sign-in rate limits count in the shared database cache the steps created.
    probe = "from django.core.cache import cache; cache.set('probe', 7); print(cache.get('probe'))"
    result = manage("shell", "--no-imports", "-c", probe, env=env, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "7"), result.stderr[-2000:]

    # Every stylesheet we link has a hashed copy, and every url() inside it resolves to a file.
    static = tmp_path / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    for name in ("krds/css/component/output.css", "css/app.css", "css/scorecard.css"):
        hashed = static / manifest[name]
        assert hashed.is_file(), name
        css = hashed.read_text(encoding="utf-8")
        for ref in re.findall(r"url\(['\"]?([^'\")]+)['\"]?\)", css):
            if ref.startswith(("data:", "#", "http")):
                continue
            target = (hashed.parent / ref.split("#", 1)[0].split("?", 1)[0]).resolve()
            assert target.is_file(), (name, ref)
    assert "krds/css/component/component.css" not in manifest
