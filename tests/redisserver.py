"""A throw-away Redis server on a free loopback port, without persistence: for the stale-page
tests (tests/perf/conftest.py) and for the load benchmark (bench/run_bench.py), which need a
cache shared by several processes as servers share one in production."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time


class RedisError(RuntimeError):
    pass


def answers_ping(port: int) -> bool:
    """Whether a Redis server on this loopback port answers PING now."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis() -> tuple[subprocess.Popen, str]:
    """The running server's process and its `redis://` URL. Stop it with process.terminate()."""
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )
    if binary is None:
        raise RedisError(
            "redis-server not found: scripts/bootstrap.sh --test installs Debian's redis-server."
        )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not answers_ping(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RedisError(f"redis-server did not start on port {port}")
        time.sleep(0.05)
    return process, f"redis://127.0.0.1:{port}/0"
