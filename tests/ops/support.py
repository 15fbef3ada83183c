"""Helpers of the operations tests: a production-like environment for subprocesses, manage.py,
private Redis and gunicorn processes that are always stopped."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.pgcluster import free_port

BASE_DIR = Path(__file__).resolve().parents[2]
# Variables the test settings put into this process's environment; child processes choose their own.
TEST_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "STATICFILES_BACKEND",
    "DJANGO_SETTINGS_MODULE",
    "CAPTCHA_TEST_MODE",
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_URL",
    "MEDIA_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def app_env(database_url: str, media_root: Path, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG=0) on loopback without TLS, for manage.py and gunicorn."""
    env = {k: v for k, v in os.environ.items() if k not in TEST_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="frontcms.settings",
        DEBUG="0",
        SECRET_KEY="ops-test-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="*",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: int = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def shell(env: dict[str, str], code: str, timeout: int = 120) -> str:
    return manage(env, "shell", "-c", code, timeout=timeout)


def wait_for(url: str, timeout: float = 30.0, status: int = 200) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == status:
                    return
                last = response.status
        except urllib.error.HTTPError as exc:
            last = exc.code
            if exc.code == status:
                return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer {status} within {timeout}s (last: {last})")


# Behind a load balancer every instance sees the site's own host name, whatever its port.
SITE_HOST = "mttq.example.vn"


def fetch(url: str, timeout: float = 10.0) -> tuple[int, dict[str, str], str]:
    """(status, headers, body) of a GET; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, headers={"User-Agent": "frontcms-ops-test", "Host": SITE_HOST})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")


class Process:
    """A child process in its own process group, stopped (TERM, then KILL) by stop()."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None, log: Path | None = None):
        self.log = log
        out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self._out = out
        self.popen = subprocess.Popen(
            args, cwd=BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def stop(self, timeout: float = 15.0) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=5)
        if self._out is not subprocess.DEVNULL:
            self._out.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log and self.log.exists() else ""


def start_redis(tmp_path: Path) -> tuple[Process, str]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise AssertionError("redis-server not found: scripts/bootstrap.sh installs Debian's redis-server")
    port = free_port()
    process = Process(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--dir",
            str(tmp_path),
        ],
        log=tmp_path / f"redis-{port}.log",
    )
    from tests.redisserver import answers_ping

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if answers_ping(port):
            return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.1)
    process.stop()
    raise AssertionError(f"redis-server did not start: {process.output()}")


def start_gunicorn(env: dict[str, str], tmp_path: Path, name: str) -> tuple[Process, str]:
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = Process(
        [gunicorn, "-c", "deploy/gunicorn.conf.py", "frontcms.wsgi"],
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": env.get("WEB_CONCURRENCY", "1")},
        log=tmp_path / f"gunicorn-{name}.log",
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/suc-khoe/", timeout=40)
    except AssertionError:
        process.stop()
        raise AssertionError(f"gunicorn {name} did not become healthy:\n{process.output()}") from None
    return process, base
