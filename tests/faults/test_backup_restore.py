"""A full backup (`manage.py backup`: pg_dump plus every stored file, with a manifest of their
SHA-256) restored into an empty database and an empty media folder (`manage.py restore`)
reproduces identical result snapshots and digests and every attachment byte for byte (issue
12, item 4). Run against the private cluster (tests/faults/cluster.py) on both test runs."""

import json
import shutil

from tests.faults.conftest import child_env, manage

# Run by `manage.py shell` against the cluster: the results pages' contest (two rounds scored,
# tie decided, both finalized) with attachments on three entries, one of them a draft entry
# whose files its agency member uploaded through the service. Prints what was made.
MAKE = """
import hashlib, json, secrets
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from scoring.models import RoundResult
from scoring.services.results import round_finalize
from submissions.models import Attachment
from submissions.services.attachments import attachment_add
from tests import factories
from tests.results.pages_scene import build_scene

organizer = factories.OrganizerFactory(name="김주관", email="organizer@example.kr")
scene = build_scene(organizer)
scene.finish_round1()
scene.score_round2()
round_finalize(round_=scene.round2, by=organizer)
files = {}
for receipt in ("2026-0001", "2026-0005"):
    body = b"%PDF-1.4\\n" + secrets.token_bytes(200_000) + b"\\n%%EOF\\n"
    attachment = Attachment(entry=scene.entries[receipt], original_name=f"{receipt} 보고서.pdf",
                            kind="pdf", size=len(body), sha256=hashlib.sha256(body).hexdigest(),
                            uploaded_by=organizer)
    attachment.file.save("보고서.pdf", ContentFile(body), save=False)
    attachment.save()
    files[attachment.file.name] = hashlib.sha256(body).hexdigest()
membership = factories.AgencyMembershipFactory()
draft = factories.EntryFactory(contest=scene.contest, agency=membership.agency)
body = b"%PDF-1.4\\n" + secrets.token_bytes(50_000) + b"\\n%%EOF\\n"
added = attachment_add(entry=draft, upload=SimpleUploadedFile("성과 요약.pdf", body),
                       by=membership.user)
files[added.file.name] = hashlib.sha256(body).hexdigest()
print(json.dumps({"files": files}))
"""

# Run in the restored site (or the original): each result in force re-verified from its
# snapshot alone (scoring.snapshot.verify, as `manage.py verify_results` does), and every
# attachment read back through the storage.
READ = """
import hashlib, json
from scoring.models import RoundResult, Score
from scoring.snapshot import verify
from submissions.models import Attachment

results = []
for result in RoundResult.objects.order_by("pk"):
    check = verify(result.snapshot)
    results.append([result.round.name_ko, result.digest, check["ok"], check["computed"]])
files = {}
for attachment in Attachment.objects.order_by("pk"):
    with attachment.file.open("rb") as handle:
        files[attachment.file.name] = [hashlib.sha256(handle.read()).hexdigest(),
                                       attachment.sha256]
scores = sorted(str(value) for value in Score.objects.values_list("value", flat=True))
print(json.dumps({"results": results, "files": files, "scores": scores}))
"""

TABLES = """
import json
from django.db import connection
print(json.dumps(connection.introspection.table_names()))
"""


def shell(script: str, env: dict) -> dict:
    return json.loads(manage("shell", "-c", script, env=env).stdout.strip().splitlines()[-1])


def test_backup_restored_into_an_empty_database_gives_identical_digests_and_files(
    cluster, fresh_database, tmp_path
):
    media, restored_media, folder = tmp_path / "media", tmp_path / "restored", tmp_path / "bk"
    site = child_env(fresh_database, MEDIA_ROOT=str(media))
    made = shell(MAKE, site)
    before = shell(READ, site)
    assert [(name, ok) for name, _digest, ok, _computed in before["results"]] == [
        ("1차 서면심사", True),
        ("2차 발표심사", True),
    ]
    assert {name: pair[0] for name, pair in before["files"].items()} == made["files"]

    done = manage("backup", str(folder), env=site)
    assert "and 3 files (" in done.stdout
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["format"] == "simsa-backup/1"
    assert {item["name"]: item["sha256"] for item in manifest["media"]} == made["files"]
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format

    empty = cluster.create_database("simsa_faults_restored")
    restored = child_env(empty, MEDIA_ROOT=str(restored_media))
    done = manage("restore", str(folder), env=restored)
    assert "and 3 files; every SHA-256 matches." in done.stdout

    after = shell(READ, restored)
    assert after == before  # the same snapshots, digests, scores and file contents
    for name in made["files"]:
        assert (restored_media / name).read_bytes() == (media / name).read_bytes()
    assert sorted(p.relative_to(restored_media).as_posix() for p in restored_media.rglob("*")
                  if p.is_file()) == sorted(made["files"])  # fmt: skip


def test_restore_refuses_a_database_in_use_and_a_damaged_backup(cluster, fresh_database, tmp_path):
    media, folder = tmp_path / "media", tmp_path / "bk"
    site = child_env(fresh_database, MEDIA_ROOT=str(media))
    (media / "attachments/1").mkdir(parents=True)
    (media / "attachments/1/a.pdf").write_bytes(b"%PDF-1.4 one\n")
    manage("backup", str(folder), env=site)

    # Into the live database (it has tables): refused, nothing touched.
    refused = _restore_fails(folder, site)
    assert "already has tables: restore into a new, empty database" in refused
    assert (media / "attachments/1/a.pdf").read_bytes() == b"%PDF-1.4 one\n"

    # A damaged copy: refused before anything is written.
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    (damaged / "media/attachments/1/a.pdf").write_bytes(b"%PDF-1.4 two\n")
    empty = cluster.create_database("simsa_faults_empty")
    target = child_env(empty, MEDIA_ROOT=str(tmp_path / "target"))
    refused = _restore_fails(damaged, target)
    assert "a.pdf does not match its SHA-256 in the manifest: damaged." in refused
    assert not (tmp_path / "target").exists()
    assert shell(TABLES, target) == []

    # A backup folder that is not empty is refused too.
    assert "is not empty: give a new folder" in _fails("backup", str(folder), env=site)


def _restore_fails(folder, env) -> str:
    return _fails("restore", str(folder), env=env)


def _fails(*args, env) -> str:
    import subprocess
    import sys

    from tests.production import BASE_DIR

    done = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    return done.stderr
