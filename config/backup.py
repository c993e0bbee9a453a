"""A full backup and its restore (`./run backup [DIR]`, `./run restore DIR`; the management
commands `backup` and `restore` of reports).

A backup is one folder:

    manifest.json     format, when, the database's name, and the SHA-256 and size of every file
    database.dump     pg_dump in its custom format (compressed; pg_restore reads it)
    media/<name>      every file of the default storage (attachments, built reports) under its
                      stored name: MEDIA_ROOT on a file system, the bucket's objects on S3

`restore` checks every file against the manifest before it changes anything, refuses a database
that already has tables or a storage that already holds one of the names (a restore goes into an
empty database and an empty storage, never over live data), then runs pg_restore and writes each
file back, reading it again to compare its SHA-256. PostgreSQL only: pg_dump and pg_restore
(Debian's postgresql-client) must be on PATH.
"""

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections

FORMAT = "simsa-backup/1"
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why and what to do."""


def sha256_of(chunks) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


def file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _pg(alias: str = "default") -> tuple[list[str], dict[str, str], str]:
    """The connection options and environment for pg_dump/pg_restore, and the database name."""
    config = settings.DATABASES[alias]
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(
            "Backup and restore need PostgreSQL (DATABASE_URL=postgres://…); "
            f"this site uses {config['ENGINE']}."
        )
    options = []
    if config.get("HOST"):
        options += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        options += ["--port", str(config["PORT"])]
    if config.get("USER"):
        options += ["--username", str(config["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return options, env, str(config["NAME"])


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()}")


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in `storage`, walking its folders (a file system or a bucket)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or ".." in path.parts:
        raise BackupError(f"The manifest names a file outside the backup: {name!r}.")
    return path


def backup(target: Path, *, storage: Storage | None = None) -> dict:
    """Write a backup into `target` (created; must be empty) and return its manifest."""
    storage = storage or storages["default"]
    options, env, name = _pg()
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder for the backup.")
    dump = target / DUMP
    _run([_program("pg_dump"), *options, "--format=custom", "--no-owner", "--no-privileges",
          f"--file={dump}", "--dbname", name], env)  # fmt: skip
    files = []
    for stored in stored_names(storage):
        path = target / MEDIA / _safe_name(stored)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(stored, "rb") as source, path.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        files.append({"name": stored, "sha256": digest.hexdigest(), "size": path.stat().st_size})
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {
            "name": name,
            "file": DUMP,
            "sha256": sha256_of(file_chunks(dump)),
            "size": dump.stat().st_size,
        },
        "media": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest


def read_manifest(source: Path) -> dict:
    """The manifest of the backup in `source`, after checking every file it lists."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source / MANIFEST} is not a backup of this system ({FORMAT}).")
    listed = [(source / DUMP, manifest["database"])]
    listed += [(source / MEDIA / _safe_name(item["name"]), item) for item in manifest["media"]]
    for path, item in listed:
        if not path.is_file():
            raise BackupError(f"{path} is missing from the backup.")
        if sha256_of(file_chunks(path)) != item["sha256"]:
            raise BackupError(f"{path} does not match its SHA-256 in the manifest: damaged.")
    return manifest


def _database_is_empty(alias: str = "default") -> bool:
    with connections[alias].cursor() as cursor:
        tables = connections[alias].introspection.table_names(cursor)
    connections[alias].close()
    return not tables


def restore(source: Path, *, storage: Storage | None = None) -> dict:
    """Restore the backup in `source` into the (empty) database and storage; its manifest."""
    storage = storage or storages["default"]
    options, env, name = _pg()
    manifest = read_manifest(source)
    if not _database_is_empty():
        raise BackupError(
            f"The database {name} already has tables: restore into a new, empty database "
            "(createdb) and point DATABASE_URL at it."
        )
    taken = [item["name"] for item in manifest["media"] if storage.exists(item["name"])]
    if taken:
        raise BackupError(
            f"The file storage already holds {len(taken)} of the backup's files (such as "
            f"{taken[0]}): restore into an empty MEDIA_ROOT or bucket."
        )
    _run([_program("pg_restore"), *options, "--no-owner", "--no-privileges", "--exit-on-error",
          "--single-transaction", "--dbname", name, str(source / DUMP)], env)  # fmt: skip
    for item in manifest["media"]:
        path = source / MEDIA / _safe_name(item["name"])
        with path.open("rb") as handle:
            saved = storage.save(item["name"], File(handle, name=item["name"]))
        if saved != item["name"]:
            raise BackupError(f"The storage renamed {item['name']} to {saved}.")
        with storage.open(saved, "rb") as written:
            if sha256_of(iter(lambda: written.read(CHUNK), b"")) != item["sha256"]:
                raise BackupError(f"{saved} differs from the backup after writing it.")
    return manifest
