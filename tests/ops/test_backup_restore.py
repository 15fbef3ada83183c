"""scripts/backup.sh and scripts/restore.sh on a throw-away PostgreSQL cluster: migrate, seed,
back up, drop the database and the media, restore, and find the same content."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from tests.ops.support import BASE_DIR, app_env, manage, shell
from tests.pgcluster import _bin, start_cluster

pytestmark = pytest.mark.postgres

COUNT_SQL = (
    "select table_name, (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I', "
    "table_name), false, true, '')))[1]::text::int from information_schema.tables "
    "where table_schema = 'public' and table_type = 'BASE TABLE' order by 1"
)
TITLES = (
    "import json; from frontcms.models import Page; from django.apps import apps; "
    "out = {'pages': sorted(Page.objects.values_list('title', flat=True))}; "
    "out.update({m._meta.label: sorted(str(o) for o in m._default_manager.all()[:200]) "
    "for m in apps.get_models() if m._meta.app_label in ('news', 'events', 'committees')}); "
    "print(json.dumps(out, ensure_ascii=False))"
)


@pytest.fixture
def cluster():
    handle = start_cluster("frontcms_backup")
    yield handle
    handle.stop()


def _psql(cluster, sql: str) -> str:
    return subprocess.run(
        [
            _bin("psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            "postgres",
            "-d",
            cluster.dbname,
            "-At",
            "-c",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout


def _media_digest(root) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _snapshot(cluster, env, media):
    return {
        "counts": _psql(cluster, COUNT_SQL),
        "titles": json.loads(shell(env, TITLES).strip().splitlines()[-1]),
        "media": _media_digest(media),
    }


def _script(name, env, *args):
    result = subprocess.run(
        ["bash", str(BASE_DIR / "scripts" / name), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout.strip().splitlines()[-1]


def test_backup_drop_restore_gives_the_same_content(cluster, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    env = app_env(cluster.url, media)
    manage(env, "migrate", "--no-input")
    manage(env, "seed_demo", timeout=600)
    # Some content of the core that seed_demo may not have: a page with a Vietnamese title.
    shell(
        env,
        "from frontcms.models import Page; Page.objects.get_or_create(slug='sao-luu-thu', "
        "defaults={'title': 'Trang kiểm tra sao lưu – Đại hội', 'body': '<p>Nội dung</p>'})",
    )
    (media / "van-ban").mkdir(exist_ok=True)
    (media / "van-ban" / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    before = _snapshot(cluster, env, media)
    counts = dict(line.split("|") for line in before["counts"].splitlines())
    assert int(counts["frontcms_page"]) >= 1 and sum(int(v) for v in counts.values()) > 50, counts
    assert len(before["media"]) >= 2, before["media"]

    backup_dir = _script("backup.sh", env, str(tmp_path / "backups"))
    assert {"database.dump", "media.tar.gz", "SHA256SUMS"} <= {
        p.name for p in (tmp_path / "backups").glob("*/*")
    }

    # Disaster: the database and the media are gone.
    cluster.run(_bin("dropdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", cluster.dbname)
    cluster.run(
        _bin("createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", cluster.dbname
    )
    shutil.rmtree(media)
    assert _psql(cluster, COUNT_SQL) == ""

    refused = subprocess.run(
        ["bash", str(BASE_DIR / "scripts" / "restore.sh"), backup_dir],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0, "restore.sh must ask for --yes"
    _script("restore.sh", env, backup_dir, "--yes")
    assert _snapshot(cluster, env, media) == before

    # Restoring over a live database that has changed since (the usual case) also gives the backup.
    shell(
        env,
        "from frontcms.models import Page; Page.objects.create(title='Trang sau sao lưu', slug='sau-sao-luu')",
    )
    (media / "moi.txt").write_text("mới")
    _script("restore.sh", env, backup_dir, "--yes")
    assert _snapshot(cluster, env, media) == before


def test_backup_refuses_a_non_postgres_database(tmp_path):
    env = app_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path)
    result = subprocess.run(
        ["bash", str(BASE_DIR / "scripts" / "backup.sh"), str(tmp_path / "b")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "PostgreSQL" in result.stderr
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())


def test_a_corrupt_backup_is_refused_before_anything_is_replaced(tmp_path):
    backup = tmp_path / "2026-01-01_000000"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"not a dump")
    (backup / "media.tar.gz").write_bytes(b"not an archive")
    (backup / "SHA256SUMS").write_text("0" * 64 + "  database.dump\n" + "0" * 64 + "  media.tar.gz\n")
    media = tmp_path / "media"
    media.mkdir()
    (media / "keep.jpg").write_bytes(b"x")
    env = app_env("postgres://postgres@127.0.0.1:1/none", media)
    result = subprocess.run(
        ["bash", str(BASE_DIR / "scripts" / "restore.sh"), str(backup), "--yes"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert (media / "keep.jpg").exists()
