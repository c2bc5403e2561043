"""Backup and restore of the whole installation: the database and the uploaded files.

A backup is one gzip'd tar file:

    manifest.json   format, time, database engine, applied migrations, and for every table
                    its row count and a SHA-256 of its rows in primary-key order; for every
                    uploaded file its size and SHA-256
    db.dump         PostgreSQL: `pg_dump --format=custom` of the same snapshot the checksums read
    db.sqlite3      SQLite: a copy made with SQLite's online backup API
    media/<path>    the uploaded files, read through Django's storage API (any backend)

`restore` checks the whole archive (every file's hash) before it touches anything, replaces
the database in one step (`pg_restore --single-transaction`, or SQLite's backup API into the
live file), then the uploaded files, then checks every table against the manifest.
A backup restores into the same kind of database it came from.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from kbo.core import versions

FORMAT = "kbo-backup-1"
# Bookkeeping that a restore renumbers on purpose (cache keys), so it is not checksummed.
UNCHECKED = {"core_dataversion"}
CHUNK = 5_000


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what and where (Thai / English)."""


@dataclass
class Manifest:
    engine: str
    created: str = ""
    migrations: dict[str, str] = field(default_factory=dict)
    tables: dict[str, dict] = field(default_factory=dict)
    media: dict[str, dict] = field(default_factory=dict)

    def as_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "engine": self.engine,
            "created": self.created,
            "migrations": self.migrations,
            "tables": self.tables,
            "media": self.media,
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise BackupError(
                f"ไฟล์นี้ไม่ใช่ไฟล์สำรองของระบบ KBO (รูปแบบ {data.get('format')!r}) / "
                f"not a KBO backup (format {data.get('format')!r}, expected {FORMAT})"
            )
        return cls(
            engine=data["engine"],
            created=data.get("created", ""),
            migrations=data.get("migrations", {}),
            tables=data.get("tables", {}),
            media=data.get("media", {}),
        )


def _order_columns(conn, cursor, table: str) -> list[str]:
    """The primary key, or every column when the table has none."""
    for info in conn.introspection.get_constraints(cursor, table).values():
        if info.get("primary_key") and info.get("columns"):
            return list(info["columns"])
    return [c.name for c in conn.introspection.get_table_description(cursor, table)]


def _layout() -> list[tuple[str, str, str]]:
    """Every table of the default database with its ORDER BY clause (quoted)."""
    conn = connection
    with conn.cursor() as cursor:
        names = sorted(
            n
            for n in conn.introspection.table_names(cursor)
            if not n.startswith("sqlite_") and n not in UNCHECKED
        )
        return [
            (
                table,
                conn.ops.quote_name(table),
                ", ".join(conn.ops.quote_name(c) for c in _order_columns(conn, cursor, table)),
            )
            for table in names
        ]


def _checksums(layout: list[tuple[str, str, str]], cursor) -> dict[str, dict]:
    """Row count and SHA-256 of every table's rows in key order (values as text)."""
    result: dict[str, dict] = {}
    for table, quoted, order in layout:
        cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")
        digest = hashlib.sha256()
        rows = 0
        while batch := cursor.fetchmany(CHUNK):
            for row in batch:
                digest.update(_row_bytes(row))
            rows += len(batch)
        result[table] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def table_checksums() -> dict[str, dict]:
    """Row count and SHA-256 of every table of the default database."""
    layout = _layout()
    with connection.cursor() as cursor:
        return _checksums(layout, cursor)


def _row_bytes(row) -> bytes:
    parts = []
    for value in row:
        if value is None:
            parts.append("\x00N")
        elif isinstance(value, bytes | memoryview):
            parts.append(bytes(value).hex())
        elif hasattr(value, "isoformat"):
            parts.append(value.isoformat())
        else:
            parts.append(str(value))
    return ("\x1f".join(parts) + "\x1e").encode()


def _migrations() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        latest: dict[str, str] = {}
        for app, name in cursor.fetchall():
            latest[app] = name
    return latest


def _walk_storage(path: str = "") -> Iterator[str]:
    try:
        dirs, files = default_storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for name in sorted(dirs):
        yield from _walk_storage(f"{path}/{name}" if path else name)


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = []
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


Say = Callable[[str], None]


def backup(path: str | Path, *, say: Say = lambda _m: None) -> Manifest:
    """Write a backup of the database and the uploaded files to `path`."""
    path = Path(path)
    manifest = Manifest(engine=connection.vendor, created=timezone.now().isoformat())
    manifest.migrations = _migrations()
    tmp_path = path.with_name(path.name + ".part")
    with tempfile.TemporaryDirectory(prefix="kbo-backup-") as work:
        work_dir = Path(work)
        if manifest.engine == "postgresql":
            dump = work_dir / "db.dump"
            _pg_dump_with_checksums(dump, manifest, say)
            db_files = [("db.dump", dump)]
        elif manifest.engine == "sqlite":
            copy = work_dir / "db.sqlite3"
            say("database: copying with SQLite's backup API")
            connection.ensure_connection()
            source = connection.connection
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
            manifest.tables = _sqlite_checksums(copy)
            db_files = [("db.sqlite3", copy)]
        else:
            raise BackupError(
                f"ยังสำรองฐานข้อมูลชนิด {manifest.engine} ไม่ได้ / "
                f"backup of a {manifest.engine} database is not supported"
            )
        say(
            f"database: {len(manifest.tables)} tables, {sum(t['rows'] for t in manifest.tables.values()):,} rows"
        )
        with tarfile.open(tmp_path, "w:gz", compresslevel=1) as tar:
            for name, file in db_files:
                tar.add(file, arcname=name)
            count = 0
            for name in _walk_storage():
                with default_storage.open(name, "rb") as fh:
                    data = fh.read()
                manifest.media[name] = {
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                }
                _add_bytes(tar, f"media/{name}", data)
                count += 1
            say(f"uploaded files: {count}")
            _add_bytes(tar, "manifest.json", manifest.as_json())
    tmp_path.replace(path)
    return manifest


def _pg_dump_with_checksums(dump: Path, manifest: Manifest, say: Say) -> None:
    """Checksums and pg_dump read one exported snapshot, so they describe the same data."""
    args, env = _pg_env()
    name = connection.settings_dict["NAME"]
    layout = _layout()
    with connection.cursor() as cursor:
        in_atomic = connection.in_atomic_block
        if in_atomic:
            raise BackupError("backup must not run inside a transaction")
        connection.set_autocommit(False)
        try:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            say("database: pg_dump")
            proc = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    *args,
                    "--file",
                    str(dump),
                    name,
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                raise BackupError(f"pg_dump ล้มเหลว / pg_dump failed: {proc.stderr.strip()}")
            say("database: checksums")
            manifest.tables = _checksums(layout, cursor)
        finally:
            connection.rollback()
            connection.set_autocommit(True)


def _sqlite_checksums(path: Path) -> dict[str, dict]:
    """Checksums of a SQLite copy; Django's type converters are registered module-wide, so
    the values read here are those Django's own cursor gives."""
    layout = _layout()
    copy = sqlite3.connect(path, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        return _checksums(layout, copy.cursor())
    finally:
        copy.close()


@dataclass
class RestoreResult:
    manifest: Manifest
    tables: int
    rows: int
    media: int


def read_manifest(path: str | Path) -> Manifest:
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            if member is None:
                raise KeyError("manifest.json")
            return Manifest.from_json(member.read())
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        raise BackupError(
            f"อ่านไฟล์สำรอง {path} ไม่ได้ / cannot read the backup {path}: {exc}"
        ) from exc


def restore(path: str | Path, *, say: Say = lambda _m: None) -> RestoreResult:
    """Replace the database and the uploaded files with the backup's, then verify them."""
    manifest = read_manifest(path)
    if manifest.engine != connection.vendor:
        raise BackupError(
            f"ไฟล์สำรองมาจากฐานข้อมูล {manifest.engine} แต่ระบบนี้ใช้ {connection.vendor} / "
            f"the backup is of a {manifest.engine} database; this installation uses {connection.vendor}"
        )
    with tempfile.TemporaryDirectory(prefix="kbo-restore-") as work:
        work_dir = Path(work)
        media_dir = work_dir / "media"
        say("checking the archive")
        db_file = _extract_and_check(Path(path), work_dir, manifest)
        say("database: restoring")
        if manifest.engine == "postgresql":
            _pg_restore(db_file)
        else:
            _sqlite_restore(db_file)
        say("uploaded files: restoring")
        _restore_media(media_dir, manifest)
    cache.clear()
    say("checking every table against the manifest")
    found = table_checksums()
    wrong = [t for t, info in manifest.tables.items() if found.get(t) != info] + [
        t for t in found if t not in manifest.tables
    ]
    if wrong:
        raise BackupError(
            "ข้อมูลที่กู้คืนไม่ตรงกับไฟล์สำรองในตาราง / restored data differs from the backup in: "
            + ", ".join(sorted(wrong))
        )
    versions.renumber_all()
    return RestoreResult(
        manifest=manifest,
        tables=len(found),
        rows=sum(t["rows"] for t in found.values()),
        media=len(manifest.media),
    )


def _extract_and_check(path: Path, work_dir: Path, manifest: Manifest) -> Path:
    db_name = "db.dump" if manifest.engine == "postgresql" else "db.sqlite3"
    seen: set[str] = set()
    db_file = work_dir / db_name
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            name = member.name
            if name == "manifest.json":
                continue
            source = tar.extractfile(member)
            if source is None:
                continue
            if name == db_name:
                with open(db_file, "wb") as out:
                    shutil.copyfileobj(source, out)
                continue
            if not name.startswith("media/"):
                continue
            rel = name[len("media/") :]
            if rel not in manifest.media or ".." in Path(rel).parts or rel.startswith("/"):
                raise BackupError(
                    f"ไฟล์ {name} ไม่อยู่ในรายการของไฟล์สำรอง / {name} is not in the backup's manifest"
                )
            data = source.read()
            if hashlib.sha256(data).hexdigest() != manifest.media[rel]["sha256"]:
                raise BackupError(
                    f"ไฟล์ {name} ในไฟล์สำรองเสียหาย / {name} in the backup is damaged (checksum)"
                )
            target = work_dir / "media" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            seen.add(rel)
    missing = sorted(set(manifest.media) - seen)
    if missing:
        raise BackupError(
            "ไฟล์สำรองขาดไฟล์ที่อัปโหลด / the backup lacks uploaded files: " + ", ".join(missing[:5])
        )
    if not db_file.exists():
        raise BackupError(f"ไฟล์สำรองไม่มีฐานข้อมูล ({db_name}) / the backup has no {db_name}")
    return db_file


def _pg_restore(dump: Path) -> None:
    args, env = _pg_env()
    name = connection.settings_dict["NAME"]
    connection.close()
    proc = subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            "--exit-on-error",
            *args,
            "--dbname",
            name,
            str(dump),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise BackupError(
            "กู้คืนฐานข้อมูลไม่สำเร็จ ข้อมูลเดิมยังอยู่ครบ / the database restore failed and "
            f"was rolled back, nothing changed: {proc.stderr.strip()[:2000]}"
        )


def _sqlite_restore(copy: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _restore_media(media_dir: Path, manifest: Manifest) -> None:
    """Write the backup's files, then delete the files the backup does not have."""
    for rel in sorted(manifest.media):
        data = (media_dir / rel).read_bytes()
        if default_storage.exists(rel):
            default_storage.delete(rel)
        saved = default_storage.save(rel, ContentFile(data))
        if saved != rel:
            raise BackupError(f"เขียนไฟล์ {rel} ไม่ได้ / could not write {rel} (stored as {saved})")
    for rel in list(_walk_storage()):
        if rel not in manifest.media:
            default_storage.delete(rel)
