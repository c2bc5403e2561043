"""`kbo backup FILE` and `kbo restore FILE`: a round trip gives back every row and every file."""

import hashlib
import io
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from kbo.core import versions
from kbo.core.backup import BackupError, backup, read_manifest, restore, table_checksums
from kbo.geo.models import Province
from kbo.registry.models import Product, Sale

pytestmark = pytest.mark.django_db(transaction=True)


def media_state():
    """Every stored file's path and SHA-256, through the storage API."""
    out = {}

    def walk(path):
        dirs, files = default_storage.listdir(path)
        for name in files:
            rel = f"{path}/{name}" if path else name
            with default_storage.open(rel, "rb") as fh:
                out[rel] = hashlib.sha256(fh.read()).hexdigest()
        for name in dirs:
            walk(f"{path}/{name}" if path else name)

    walk("")
    return out


@pytest.fixture
def stored_files():
    for rel in list(media_state()):  # files other tests left in the in-memory storage
        default_storage.delete(rel)
    names = [
        default_storage.save("plans/evidence/รายงาน.pdf", ContentFile(b"%PDF-1.4 evidence")),
        default_storage.save("products/photo.jpg", ContentFile(b"\xff\xd8\xff photo")),
    ]
    yield names
    for rel in list(media_state()):
        default_storage.delete(rel)


def test_round_trip_gives_back_every_row_and_file(registry, stored_files, tmp_path):
    file = tmp_path / "kbo.tar.gz"
    versions.current("registry")  # the cache's counter exists in the backup
    manifest = backup(file)
    before = table_checksums()
    files_before = media_state()
    assert manifest.tables == before
    assert manifest.tables["registry_product"]["rows"] == 2
    assert set(manifest.media) == set(stored_files)

    # Everything changes after the backup: rows deleted, edited and added, files too.
    Sale.objects.all().delete()
    Product.objects.filter(pk=registry["product_a"].pk).update(name="เปลี่ยนชื่อ")
    Province.objects.filter(code="58").update(name_th="ชื่อใหม่")
    default_storage.delete(stored_files[0])
    default_storage.save("late/new.txt", ContentFile(b"made after the backup"))
    assert table_checksums() != before

    seen = versions.current("registry")[0]  # the counter moved on since the backup
    result = restore(file)

    assert table_checksums() == before
    assert media_state() == files_before
    assert Product.objects.get(pk=registry["product_a"].pk).name == "ผ้าฝ้ายทอมือ"
    assert Sale.objects.count() == 2
    assert result.rows == sum(t["rows"] for t in before.values())
    assert result.media == 2
    # No figure cached before the restore matches again: the counter jumped past all of them.
    assert versions.current("registry")[0] > seen


def test_the_commands_round_trip(registry, stored_files, tmp_path):
    file = tmp_path / "kbo.tar.gz"
    out = io.StringIO()
    call_command("backup", str(file), stdout=out)
    assert "backup written" in out.getvalue()
    before = table_checksums()
    Product.objects.all().delete()
    out = io.StringIO()
    call_command("restore", str(file), "--no-input", stdout=out)
    assert "restored" in out.getvalue()
    assert table_checksums() == before


def test_a_damaged_backup_changes_nothing(registry, stored_files, tmp_path):
    good = tmp_path / "good.tar.gz"
    backup(good)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(good, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name == "media/products/photo.jpg":
                data = b"tampered"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    Product.objects.filter(pk=registry["product_b"].pk).update(name="หลังสำรอง")
    before = table_checksums()
    files_before = media_state()

    with pytest.raises(BackupError, match="damaged"):
        restore(damaged)

    assert table_checksums() == before
    assert media_state() == files_before


def test_not_a_backup_is_refused_clearly(db, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"this is not an archive")
    with pytest.raises(CommandError, match="cannot read the backup"):
        call_command("restore", str(junk), "--no-input")
    with pytest.raises(BackupError, match="อ่านไฟล์สำรอง"):
        read_manifest(junk)
