"""`socmap deploy-copy`: a built file copied in beside a replica's live file and swapped in, or refused."""

from __future__ import annotations

import filecmp
import shutil

from typer.testing import CliRunner

from etl.cli import app

runner = CliRunner()


def test_the_copy_is_swapped_in_as_a_new_file_in_every_replica(built_db, tmp_path):
    replicas = [tmp_path / name / "socmap.duckdb" for name in ("a", "b")]
    replicas[0].parent.mkdir()
    shutil.copy(built_db, replicas[0])
    before = replicas[0].stat().st_ino
    result = runner.invoke(app, ["deploy-copy", str(built_db), *map(str, replicas)])
    assert result.exit_code == 0, result.output
    assert replicas[0].stat().st_ino != before  # a new inode: the workers notice and reopen
    assert all(filecmp.cmp(built_db, live, shallow=False) for live in replicas)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["socmap.duckdb", "socmap.duckdb"]


def test_a_file_that_is_not_a_socmap_database_is_refused_and_the_live_file_kept(built_db, tmp_path):
    live = tmp_path / "live" / "socmap.duckdb"
    live.parent.mkdir()
    shutil.copy(built_db, live)
    before = live.stat().st_ino
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"\0" * 4096)
    result = runner.invoke(app, ["deploy-copy", str(junk), str(live)])
    assert result.exit_code == 1
    assert "beze změny" in result.output and "untouched" in result.output
    assert live.stat().st_ino == before
    assert [p.name for p in live.parent.iterdir()] == ["socmap.duckdb"]
