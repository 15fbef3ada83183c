"""Load with faults: does the site lose only in-flight requests, recover by itself, and keep every
committed row when a worker dies, the workers are reloaded and PostgreSQL stops for a moment?

Run by hand from the repository root (not part of the test suite; needs Debian's postgresql):

    .venv/bin/python bench/fault_load.py [--duration 45] [--readers 4]

It starts its own throw-away PostgreSQL cluster and one gunicorn (2 sync workers, DEBUG=0) on
loopback, migrates and seeds it, then runs readers (uncached page GETs: a unique query string
defeats the page cache, so every request needs the database) and one writer (creates pages
through the admin, one committed row per 302), while it:

  1. kills one gunicorn worker with SIGTERM (the master starts a new one),
  2. sends SIGHUP to the master (graceful reload of every worker),
  3. stops PostgreSQL (`pg_ctl stop -m fast`) for a few seconds and starts it again.

It reports errors by phase, the recovery time after PostgreSQL is back, and checks that every
page whose creation was acknowledged is in the database. Exit status 0 when errors happened only
inside the fault windows and nothing committed was lost. Bounded (under two minutes); everything
it started is stopped, whatever happens.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import itertools
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.ops.support import Process, app_env, manage, shell, start_gunicorn  # noqa: E402
from tests.pgcluster import _bin, start_cluster  # noqa: E402

HOST = "mttq.example.vn"
ADMIN = ("tai-kiem-tra", "Kiem-tra-tai-2026!")
READ_PATHS = ["/", "/tin-tuc/", "/su-kien/", "/to-chuc/", "/van-ban/", "/tim-kiem/?q=mat+tran"]


@dataclass
class Sample:
    kind: str
    started: float
    ended: float
    ok: bool
    detail: str = ""


@dataclass
class Recorder:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    created: list[str] = field(default_factory=list)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class _Inputs(HTMLParser):
    """The form fields of an admin add page, as the browser would post them."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "textarea", "select"} and attrs.get("name"):
            if attrs.get("type") in {"checkbox", "submit", "file"}:
                return
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")


def _opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect()), jar


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request(opener, url, data=None, timeout=10):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Host": HOST, "Referer": url})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _csrf(jar) -> str:
    return next((c.value for c in jar if c.name == "csrftoken"), "")


def login(base: str):
    opener, jar = _opener()
    _request(opener, f"{base}/quan-tri/login/")
    status, _ = _request(
        opener,
        f"{base}/quan-tri/login/",
        {"username": ADMIN[0], "password": ADMIN[1], "csrfmiddlewaretoken": _csrf(jar), "next": "/quan-tri/"},
    )
    if status != 302:
        raise SystemExit(f"admin login failed ({status})")
    return opener, jar


def reader(base: str, stop: threading.Event, recorder: Recorder, counter) -> None:
    opener = urllib.request.build_opener()
    for path in itertools.cycle(READ_PATHS):
        if stop.is_set():
            return
        separator = "&" if "?" in path else "?"
        started = time.monotonic()
        try:
            status, _ = _request(opener, f"{base}{path}{separator}tai={next(counter)}", timeout=10)
            ok, detail = status == 200, str(status)
        except Exception as exc:  # connection refused/reset while a worker dies: what we measure
            ok, detail = False, exc.__class__.__name__
        recorder.add(Sample("read", started, time.monotonic(), ok, detail))


def writer(base: str, stop: threading.Event, recorder: Recorder) -> None:
    opener, jar = login(base)
    add_url = f"{base}/quan-tri/frontcms/page/add/"
    for number in itertools.count(1):
        if stop.is_set():
            return
        slug = f"tai-{number}"
        started = time.monotonic()
        try:
            status, html = _request(opener, add_url)
            if status != 200:
                raise RuntimeError(f"add page {status}")
            parser = _Inputs()
            parser.feed(html)
            data = dict(parser.fields)
            data.update(
                csrfmiddlewaretoken=_csrf(jar) or data.get("csrfmiddlewaretoken", ""),
                title=f"Trang tải {number}",
                slug=slug,
                body=f"<p>Ghi lần {number}</p>",
                is_published="on",
                order="0",
            )
            status, html = _request(opener, add_url, data)
            ok = status == 302
            if ok:
                with recorder.lock:
                    recorder.created.append(slug)
            detail = (
                str(status)
                if ok or status != 200
                else "form error: "
                + " ".join(re.findall(r'class="errorlist[^"]*"[^>]*><li>([^<]+)', html)[:2])
            )
        except Exception as exc:
            ok, detail = False, f"{exc.__class__.__name__}: {exc}"[:120]
        recorder.add(Sample("write", started, time.monotonic(), ok, detail))
        time.sleep(0.05)


def worker_pids(master: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=45, help="seconds of load (max 90)")
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--outage", type=float, default=4, help="seconds PostgreSQL stays down")
    args = parser.parse_args()
    duration = min(args.duration, 90)

    tmp = Path(tempfile.mkdtemp(prefix="frontcms-fault-"))
    started: list[Process] = []
    result = 1
    cluster = start_cluster("frontcms_fault")
    print(f"PostgreSQL on 127.0.0.1:{cluster.port}; logs in {tmp}")
    try:
        media = tmp / "media"
        media.mkdir()
        env = app_env(cluster.url, media, WEB_CONCURRENCY="2", DB_CONN_MAX_AGE="60")
        manage(env, "migrate", "--no-input")
        manage(env, "seed_demo", timeout=600)
        shell(
            env,
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({ADMIN[0]!r}, '', {ADMIN[1]!r})",
        )
        gunicorn, base = start_gunicorn(env, tmp, "fault")
        started.append(gunicorn)
        master = gunicorn.pid
        print(f"gunicorn master {master} on {base}, workers {worker_pids(master)}")

        recorder, stop = Recorder(), threading.Event()
        counter = itertools.count()
        threads = [
            threading.Thread(target=reader, args=(base, stop, recorder, counter), daemon=True)
            for _ in range(args.readers)
        ]
        threads.append(threading.Thread(target=writer, args=(base, stop, recorder), daemon=True))
        t0 = time.monotonic()
        for thread in threads:
            thread.start()

        def at(offset):
            time.sleep(max(0.0, t0 + offset - time.monotonic()))

        events = {}
        at(duration * 0.2)
        victim = worker_pids(master)[0]
        os.kill(victim, signal.SIGTERM)
        events["worker killed"] = time.monotonic()
        print(f"{events['worker killed'] - t0:6.1f}s  SIGTERM worker {victim}")
        at(duration * 0.4)
        os.kill(master, signal.SIGHUP)
        events["workers reloaded"] = time.monotonic()
        print(f"{events['workers reloaded'] - t0:6.1f}s  SIGHUP master (graceful reload)")
        at(duration * 0.6)
        cluster.stop_server()
        events["database stopped"] = time.monotonic()
        print(f"{events['database stopped'] - t0:6.1f}s  PostgreSQL stopped")
        time.sleep(args.outage)
        cluster.start_server()
        events["database started"] = time.monotonic()
        print(f"{events['database started'] - t0:6.1f}s  PostgreSQL started")
        at(duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        result = report(recorder, events, t0, cluster)
        return result
    finally:
        for process in reversed(started):
            process.stop()
        cluster.stop()
        if result == 0:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"logs kept in {tmp}")


def report(recorder: Recorder, events: dict[str, float], t0: float, cluster) -> int:
    grace = 3.0  # seconds after a fault in which failures of in-flight or queued requests are expected
    windows = {
        "worker killed": (events["worker killed"] - 0.5, events["worker killed"] + grace),
        "workers reloaded": (events["workers reloaded"] - 0.5, events["workers reloaded"] + grace),
        "database outage": (events["database stopped"] - 0.5, events["database started"] + grace),
    }

    def window_of(sample):
        for name, (start, end) in windows.items():
            if sample.ended >= start and sample.started <= end:
                return name
        return None

    samples = sorted(recorder.samples, key=lambda s: s.started)
    print(
        f"\n{len(samples)} requests in {samples[-1].ended - t0:.0f}s "
        f"({sum(s.kind == 'read' for s in samples)} reads, {sum(s.kind == 'write' for s in samples)} writes)"
    )
    stray = []
    for name in [*windows, None]:
        in_window = [s for s in samples if window_of(s) == name]
        errors = [s for s in in_window if not s.ok]
        label = name or "outside the fault windows"
        kinds = sorted({s.detail for s in errors})
        print(f"  {label:28} {len(in_window):6} requests, {len(errors):4} errors {kinds[:4]}")
        if name is None:
            stray = errors

    started = events["database started"]
    first_ok = {
        kind: next((s.ended for s in samples if s.kind == kind and s.ok and s.started >= started), None)
        for kind in ("read", "write")
    }
    for kind, moment in first_ok.items():
        text = f"{moment - started:.2f}s" if moment else "never"
        print(f"  recovery of {kind}s after PostgreSQL restart: {text}")

    acknowledged = set(recorder.created)
    out = subprocess.run(
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
            "select slug from frontcms_page where slug like 'tai-%'",
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.split()
    lost = acknowledged - set(out)
    print(
        f"  pages acknowledged (302): {len(acknowledged)}, in the database: {len(set(out))}, lost: {len(lost)}"
    )

    healthy = not stray and not lost and all(first_ok.values())
    if stray:
        print(
            "FAIL: errors outside the fault windows:",
            [(round(s.started - t0, 2), s.kind, s.detail) for s in stray[:10]],
        )
    if lost:
        print("FAIL: acknowledged writes missing:", sorted(lost)[:10])
    if not all(first_ok.values()):
        print("FAIL: the site did not recover after PostgreSQL came back")
    print("RESULT:", "ok" if healthy else "FAILED")
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
