"""A throw-away PostgreSQL cluster for the test suite: initdb in a temp folder, a free port, trust auth.

Used by tests/plugins/database.py (the `--database=postgres` pass) and by tests that need a
server of their own (backup and restore). Needs Debian's `postgresql` package, which
scripts/test.sh installs when it is missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class ClusterError(RuntimeError):
    pass


def _bin(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    found = shutil.which(name)
    if not found:
        raise ClusterError(
            f"PostgreSQL's {name} was not found. Run scripts/test.sh, which installs Debian's postgresql."
        )
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@dataclass
class Cluster:
    directory: Path
    port: int
    dbname: str = "frontcms"
    user: str = "postgres"

    @property
    def url(self) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{self.dbname}"

    def run(self, *cmd: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(_as_postgres(list(cmd)), check=True, capture_output=True, text=True, **kwargs)

    def start_server(self) -> None:
        """Start (or restart after stop_server) the server on this cluster's port, waiting until it is up."""
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        data, log = str(self.directory / "data"), str(self.directory / "log")
        self.run(_bin("pg_ctl"), "-D", data, "-o", options, "-l", log, "-w", "start", timeout=60)

    def stop_server(self) -> None:
        """Stop the server but keep the data (outage tests); start_server() brings it back."""
        self.run(_bin("pg_ctl"), "-D", str(self.directory / "data"), "-m", "fast", "-w", "stop", timeout=60)

    def stop(self) -> None:
        if (self.directory / "data" / "postmaster.pid").exists():
            subprocess.run(
                _as_postgres([_bin("pg_ctl"), "-D", str(self.directory / "data"), "-m", "immediate", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(self.directory, ignore_errors=True)


def start_cluster(dbname: str = "frontcms") -> Cluster:
    """Start a private cluster on 127.0.0.1:<free port> with database `dbname`; returns its handle."""
    directory = Path(tempfile.mkdtemp(prefix="frontcms-pg-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    directory.chmod(0o700)
    cluster = Cluster(directory=directory, port=free_port(), dbname=dbname)
    try:
        cluster.run(
            _bin("initdb"),
            "-D",
            str(directory / "data"),
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "-U",
            "postgres",
        )
        cluster.start_server()
        cluster.run(_bin("createdb"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", dbname)
    except subprocess.CalledProcessError as exc:
        log = (directory / "log").read_text() if (directory / "log").exists() else ""
        cluster.stop()
        raise ClusterError(f"could not start PostgreSQL: {exc.stderr}\n{log}") from exc
    return cluster
