"""Throughput and page benchmark for FrontCMS (run by hand; never part of the test suite).

    .venv/bin/python bench/run_bench.py [--articles 100000 --events 20000 --people 5000]
                                        [--duration 10] [--rounds 2] [--connections 32] [--workers 2]
                                        [--database-url postgres://… to re-measure a filled database]
                                        [--sqlite-demo] [--cache redis|locmem]

In one run, on loopback only, it:
1. starts a throw-away PostgreSQL cluster and fills it with `manage.py generate_load_data`
   (with --sqlite-demo: a throw-away SQLite database filled with `seed_demo`, as scripts/demo.sh
   serves it), and a private Redis server that the portal's workers share (--cache redis, the
   default, as servers share one in production; --cache locmem gives each worker its own);
2. measures every public page in-process, uncached: median and 95th-percentile render time and
   the number of SQL queries (bench/measure_pages.py);
3. starts gunicorn for the portal and for a minimal Django view (bench/baseline), both with the
   same worker count, and runs `wrk` against each scenario for a bounded time, in slices that
   alternate with slices of the baseline (each ratio compares slices taken side by side);
   "cached" scenarios are anonymous readers (page cache); "uncached" ones are anonymous readers
   whose URL the page cache does not hold (a new query string per request, bench/unique_query.lua)
   or visitors with a session cookie, which makes the page cache step aside (fragment caches
   stay warm in both, as for staff);
   "while writing" scenarios measure the same cached article while something else is written
   during the portal's slices: anonymous ratings of other articles through the real endpoint at
   5 and 20 a second (each by a new visitor, of 200 articles read once before the run, as a
   visitor rates what they have just read; posted as engagement.js posts them, answered with the
   rating block, and at 20 a second also without JavaScript: the form, then the redirect back to
   the article, rendered with the result), or an
   editor saving a draft in the article's own category every second (a separate process saving
   through the ORM, as another server would); the table notes how many writes were stored and
   how often a sampled request of the article was a page-cache hit;
4. prints a table: scenario, requests/s, p50, p99, ratio to the baseline, errors, queries per
   request, and the resident memory of each worker after the run;
5. stops everything it started.

Needs Debian's `postgresql`, `redis-server` and `wrk` (`apt-get install postgresql redis-server wrk`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pgcluster import free_port, start_cluster  # noqa: E402
from tests.redisserver import start_redis  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
ANALYZE = "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, text=True, **kwargs)


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def parse_wrk(output: str) -> dict:
    def to_ms(value: str) -> float:
        number = float(re.match(r"[\d.]+", value).group())
        unit = value[len(re.match(r"[\d.]+", value).group()) :]
        return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}.get(unit, 1)

    def percentile(name: str) -> float:
        match = re.search(rf"^\s*{name}%\s+([\d.]+[a-z]+)\s*$", output, re.MULTILINE)
        if match is None:
            raise RuntimeError(f"could not read the {name}th percentile from wrk:\n{output}")
        return to_ms(match.group(1))

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = percentile("50")
    p99 = percentile("99")
    errors = 0
    for pattern in (
        r"Non-2xx or 3xx responses: (\d+)",
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
    ):
        match = re.search(pattern, output)
        if match:
            errors += sum(int(g) for g in match.groups())
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors}


UNIQUE_QUERY = str(ROOT / "bench" / "unique_query.lua")


def wrk(
    url: str, duration: int, connections: int, headers: list[str] | None = None, script: str | None = None
) -> dict:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    for header in headers or []:
        cmd[1:1] = ["-H", header]
    if script:
        # The script's argument names this run (bench/unique_query.lua: query strings no earlier
        # slice used, so that a later slice does not read the pages an earlier one stored).
        cmd[1:1] = ["-s", script]
        cmd += ["--", str(time.time_ns())]
    output = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=duration + 30).stdout
    return parse_wrk(output)


def combine(slices: list[dict]) -> dict:
    """One result for several equal-length wrk slices: mean rate, median p50, worst p99."""
    p50s = sorted(r["p50"] for r in slices)
    return {
        "rps": sum(r["rps"] for r in slices) / len(slices),
        "p50": p50s[len(p50s) // 2],
        "p99": max(r["p99"] for r in slices),
        "errors": sum(r["errors"] for r in slices),
    }


def worker_rss_mb(master_pid: int) -> list[float]:
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        sizes.append(round(kb / 1024, 1))
    return sizes


# --- writers running during the "while writing" scenarios ---------------------------------------
RATING_TARGETS = """
import json
from django.contrib.contenttypes.models import ContentType
from news.models import Article
measured = Article.objects.get(slug=__import__("os").environ["BENCH_ARTICLE_SLUG"])
others = Article.objects.published().exclude(pk=measured.pk).order_by("-published_at")[:200]
ct = ContentType.objects.get_for_model(Article).pk
print(json.dumps([[ct, article.pk, article.get_absolute_url()] for article in others]))
"""

# An editor keeps saving a draft in the measured article's own category, as the admin saves it
# (one transaction per save, signals and all), in a process of its own: another server.
EDITOR = """
import os, sys, time
from django.db import transaction
from frontcms.publishing import Status
from news.models import Article
measured = Article.objects.get(slug=os.environ["BENCH_ARTICLE_SLUG"])
draft = Article.objects.create(
    title="Bản nháp biên tập viên đang sửa (benchmark)", status=Status.DRAFT,
    category_id=measured.category_id, organization_id=measured.organization_id,
    body="<p>Bản nháp.</p>",
)
n = 0
while True:
    n += 1
    with transaction.atomic():
        draft.body = f"<p>Bản nháp, lần lưu thứ {n}.</p>"
        draft.save()
    print(n, flush=True)
    time.sleep(1)
"""


class Writer:
    """Something written in the background while a scenario's portal slices run."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def note(self) -> str:
        return ""


FROM_SCRIPT = {"X-Requested-With": "XMLHttpRequest"}  # as engagement.js posts a rating


async def http(
    portal_url: str, method: str, path: str, body: bytes = b"", extra: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request on a new connection (as gunicorn's sync workers close each one), with
    asyncio streams: the status, the headers and the body. One loop in one thread sends all the
    writers' requests, a light client beside wrk on the same cores."""
    host, port = urllib.parse.urlsplit(portal_url).netloc.split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in (extra or {}).items())
        if body:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"\r\n" + body)
        response = await reader.read()
    finally:
        writer.close()
    head, _, content = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(lines[0].split()[1]), headers, content


class Background:
    """An asyncio loop in a thread of its own: `every(seconds, make)` starts `make()` on schedule
    until stop(), each in a task of its own so that a slow answer never delays the next one."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.tasks: set = set()

    def every(self, seconds: float, make) -> None:
        async def schedule():
            next_at = self.loop.time()
            while True:
                task = self.loop.create_task(make())
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
                next_at += seconds
                await asyncio.sleep(max(0.0, next_at - self.loop.time()))

        self.scheduler = asyncio.run_coroutine_threadsafe(schedule(), self.loop)

    def stop(self) -> None:
        self.scheduler.cancel()

        async def drain():
            if self.tasks:
                await asyncio.wait(list(self.tasks), timeout=15)

        asyncio.run_coroutine_threadsafe(drain(), self.loop).result(timeout=20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


class Ratings(Writer):
    """Anonymous ratings of other articles at `per_second`, each from a new visitor (no cookie),
    through the real endpoint, as a browser sends them: posted by engagement.js, answered with the
    updated rating block; or, with `javascript=False`, posted by the plain form and followed by
    the redirect back to the article. The rated articles have been read before the run starts,
    as a visitor rates what they have just read: a rating is measured, not the first reading of
    200 articles nobody had opened."""

    def __init__(self, portal_url: str, targets: list[list], per_second: float, javascript: bool = True):
        self.portal_url, self.targets, self.per_second = portal_url, targets, per_second
        self.javascript = javascript
        self.outcomes: Counter = Counter()
        self.sent = 0

    async def _rate(self) -> None:
        ct_id, object_id, _url = self.targets[self.sent % len(self.targets)]
        self.sent += 1
        body = urllib.parse.urlencode({"score": str(1 + self.sent % 5)}).encode()
        path = f"/tuong-tac/danh-gia/{ct_id}/{object_id}/"
        try:
            if self.javascript:
                status, headers, answer = await http(self.portal_url, "POST", path, body, FROM_SCRIPT)
                stored = status == 200 and "Cảm ơn bạn đã đánh giá." in answer.decode()
                self.outcomes["cam-on" if stored else f"HTTP {status}"] += 1
                return
            status, headers, _answer = await http(self.portal_url, "POST", path, body)
            location = urllib.parse.urlsplit(headers.get("location", ""))
            if status != 302 or not location.path:
                self.outcomes[f"HTTP {status}"] += 1
                return
            target = location.path + (f"?{location.query}" if location.query else "")
            status, _headers, _answer = await http(self.portal_url, "GET", target)
            outcome = urllib.parse.parse_qs(location.query).get("danh-gia", ["?"])[0]
            self.outcomes[outcome if status == 200 else f"HTTP {status}"] += 1
        except Exception:  # noqa: BLE001 - counted, the run goes on
            self.outcomes["failed"] += 1

    def start(self) -> None:
        self.background = Background()
        self.background.every(1 / self.per_second, self._rate)

    def stop(self) -> None:
        self.background.stop()

    def note(self) -> str:
        others = ", ".join(f"{outcome}: {n}" for outcome, n in self.outcomes.items() if outcome != "cam-on")
        return f"{self.outcomes['cam-on']} of {self.sent} ratings stored" + (f" ({others})" if others else "")


class EditorSaves(Writer):
    def __init__(self, env: dict):
        self.env = env
        self.process: subprocess.Popen | None = None
        self.saves = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "-v0", "-c", EDITOR],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        time.sleep(1.5)  # started, first save made

    def stop(self) -> None:
        self.process.terminate()
        output, _ = self.process.communicate(timeout=15)
        self.saves += len(output.split())

    def note(self) -> str:
        return f"{self.saves} draft saves"


def hit_ratio(portal_url: str, path: str, seen: Counter):
    """A sample of the page (started five times a second): was it served by the page cache?"""

    async def sample() -> None:
        try:
            _status, headers, _answer = await http(portal_url, "GET", path)
            seen[headers.get("x-page-cache", "none")] += 1
        except Exception:  # noqa: BLE001
            seen["failed"] += 1

    return sample


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of wrk per scenario (split in --rounds)"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--rounds", type=int, default=2, help="slices per scenario, each paired with the baseline"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url",
        default="",
        help="measure an already filled PostgreSQL database instead of starting and filling a new one",
    )
    parser.add_argument(
        "--sqlite-demo",
        action="store_true",
        help="measure the demo (SQLite, seed_demo, DEMO=1) instead of PostgreSQL with generated data",
    )
    parser.add_argument(
        "--cache",
        choices=["redis", "locmem"],
        default="redis",
        help="redis: a private Redis the workers share (production); locmem: one cache per worker",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2

    scratch = tempfile.mkdtemp(prefix="frontcms-bench-")
    if args.sqlite_demo:
        cluster, database_url = None, f"sqlite:///{scratch}/demo.sqlite3"
    else:
        cluster = None if args.database_url else start_cluster("frontcms_bench")
        database_url = args.database_url or cluster.url
    redis, cache_url = start_redis() if args.cache == "redis" else (None, "")
    static_root = tempfile.mkdtemp(prefix="frontcms-bench-static-")
    media_root = tempfile.mkdtemp(prefix="frontcms-bench-media-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "frontcms.settings",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "DEMO": "1" if args.sqlite_demo else "0",
        # The writers rate from one address: lift the per-address limits (a bench, not a site).
        "ENGAGEMENT_VOTES_PER_OBJECT_PER_DAY": "1000000",
        "ENGAGEMENT_VOTES_PER_HOUR": "1000000",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": static_root,
        "MEDIA_ROOT": media_root,
        "WEB_CONCURRENCY": str(args.workers),
        "LOG_LEVEL": "WARNING",
    }
    servers: list[subprocess.Popen] = []
    try:
        started = time.time()
        run([PYTHON, "manage.py", "migrate", "-v0"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        if args.sqlite_demo:
            run([PYTHON, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
        elif not args.database_url:
            run(
                [
                    PYTHON,
                    "manage.py",
                    "generate_load_data",
                    "--articles",
                    str(args.articles),
                    "--events",
                    str(args.events),
                    "--people",
                    str(args.people),
                ],
                env,
            )
            # Fresh statistics, as autovacuum would gather them a little later on a real server.
            run([PYTHON, "manage.py", "shell", "-v0", "-c", ANALYZE], env)
        print(f"data ready in {time.time() - started:.0f} s", flush=True)

        pages = json.loads(run([PYTHON, "bench/measure_pages.py"], env, capture_output=True).stdout)
        failed = {name: page["status"] for name, page in pages.items() if page["status"] != 200}
        if failed:
            print(f"pages that did not answer 200: {failed}", file=sys.stderr)

        portal_port, baseline_port = free_port(), free_port()
        portal = subprocess.Popen(
            [
                GUNICORN,
                "-c",
                "deploy/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{portal_port}",
                "--access-logfile",
                "/dev/null",
                "frontcms.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        baseline = subprocess.Popen(
            [
                GUNICORN,
                "-c",
                "deploy/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{baseline_port}",
                "--access-logfile",
                "/dev/null",
                "bench.baseline.wsgi",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "bench.baseline.settings"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers = [portal, baseline]
        portal_url, baseline_url = f"http://127.0.0.1:{portal_port}", f"http://127.0.0.1:{baseline_port}"
        wait_for(portal_url + "/suc-khoe/")
        wait_for(baseline_url + "/")

        article = pages["article"]["url"]
        env["BENCH_ARTICLE_SLUG"] = article.strip("/").rsplit("/", 1)[-1]
        targets = json.loads(
            run([PYTHON, "manage.py", "shell", "-v0", "-c", RATING_TARGETS], env, capture_output=True).stdout
        )
        session = ["Cookie: sessionid=bench-uncached"]
        # (name, url, headers, queries per request, wrk script)
        scenarios = [
            ("baseline view", baseline_url + "/", None, None, None),
            ("home, cached", portal_url + "/", None, pages["home"]["cached_queries"], None),
            ("article, cached", portal_url + article, None, pages["article"]["cached_queries"], None),
            (
                "news list, cached",
                portal_url + pages["news list"]["url"],
                None,
                pages["news list"]["cached_queries"],
                None,
            ),
            # Anonymous readers whose URL the page cache does not hold: a new query string on
            # every request, so each one is rendered (fragment caches warm) and stored.
            (
                "article, uncached (page-cache miss)",
                portal_url + article,
                None,
                pages["article"]["warm_queries"],
                UNIQUE_QUERY,
            ),
            # A session cookie makes the page cache step aside (as for staff and any visitor
            # with a session): rendered as above, plus the session lookup.
            (
                "article, uncached (session)",
                portal_url + article,
                session,
                pages["article"]["warm_queries"],
                None,
            ),
            ("home, uncached (session)", portal_url + "/", session, pages["home"]["warm_queries"], None),
            # The cheapest response through the whole middleware stack with a session: what no
            # page for a session visitor can beat.
            (
                "robots.txt, uncached (session floor)",
                portal_url + "/robots.txt",
                session,
                pages["robots.txt"]["warm_queries"],
                None,
            ),
        ]
        # The cached article again, while something else is written during its slices.
        writers: dict[str, Writer] = {
            "article, cached, ratings of other articles 5/s": Ratings(portal_url, targets, 5),
            "article, cached, ratings of other articles 20/s": Ratings(portal_url, targets, 20),
            "article, cached, ratings of other articles 20/s without JavaScript": Ratings(
                portal_url, targets, 20, javascript=False
            ),
            "article, cached, an editor saving a draft every second": EditorSaves(env),
        }
        for name in writers:
            scenarios.append((name, portal_url + article, None, pages["article"]["cached_queries"], None))
        for _name, url, headers, _q, _script in scenarios:  # warm every worker's cache and connections
            for _ in range(args.workers * 4):
                request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers or []))
                urllib.request.urlopen(request, timeout=10).read()
        for _ct, _pk, url in targets:  # the rated articles have been read (Ratings)
            for _ in range(args.workers * 2):
                urllib.request.urlopen(portal_url + url, timeout=30).read()
        # Each scenario runs in slices, each right after a slice of the baseline, and is compared
        # with those baseline slices only: a machine whose load drifts (other processes, CPU
        # boost) then moves both sides of every ratio alike.
        slice_seconds = max(1, args.duration // args.rounds)
        baseline_name, baseline_url, _, _, _ = scenarios[0]
        baseline_slices: list[dict] = []
        results = []
        notes: dict[str, str] = {}
        for name, url, headers, queries, script in scenarios[1:]:
            paired, measured = [], []
            writer, seen = writers.get(name), Counter()
            for _ in range(args.rounds):
                paired.append(wrk(baseline_url, slice_seconds, args.connections))
                if writer is not None:
                    writer.start()
                    sampler = Background()
                    sampler.every(0.2, hit_ratio(portal_url, url.removeprefix(portal_url), seen))
                measured.append(wrk(url, slice_seconds, args.connections, headers, script))
                if writer is not None:
                    sampler.stop()
                    writer.stop()
            baseline_slices += paired
            result = combine(measured)
            result["ratio"] = result["rps"] / combine(paired)["rps"]
            results.append((name, result, queries))
            if writer is not None:
                sampled = sum(seen.values())
                notes[name] = (
                    f"{writer.note()}; {seen['hit']} of {sampled} sampled requests were page-cache hits"
                )
        baseline = combine(baseline_slices)
        baseline["ratio"] = 1.0
        results.insert(0, (baseline_name, baseline, None))
        memory = worker_rss_mb(portal.pid)

        print()
        data = (
            "the SQLite demo (seed_demo)"
            if args.sqlite_demo
            else f"{args.articles} articles, {args.events} events, {args.people} people"
        )
        print(
            f"Machine: {os.cpu_count()} cores; gunicorn sync workers: {args.workers}; cache: "
            f"{args.cache}; wrk -t2 -c{args.connections}, {args.rounds} × {slice_seconds} s per "
            f"scenario, each slice paired with a baseline slice; data: {data}"
        )
        print()
        print("| scenario | req/s | p50 ms | p99 ms | ratio to baseline | errors | queries/request |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, result, queries in results:
            print(
                f"| {name} | {result['rps']:.0f} | {result['p50']:.2f} | {result['p99']:.2f} | "
                f"{result['ratio']:.0%} | {result['errors']} | {'-' if queries is None else queries} |"
            )
        print()
        for name, note in notes.items():
            print(f"- {name}: {note}")
        print()
        print(f"Portal worker resident memory after the run (MB): {memory}")
        print()
        print(
            f"| page (in-process, {'SQLite' if args.sqlite_demo else 'PostgreSQL'}) | cold median ms | cold p95 ms | cold queries "
            "| warm-fragment median ms | warm queries |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, page in pages.items():
            print(
                f"| {name} | {page['median_ms']:.1f} | {page['p95_ms']:.1f} | {page['queries']} | "
                f"{page['warm_median_ms']:.1f} | {page['warm_queries']} |"
            )
        print()
        print("cold: every cache cleared before each request; warm-fragment: page cache bypassed")
        print("with a session cookie, fragment caches warm (what staff and cookie-carrying visitors get)")
        return 0
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if cluster is not None:
            cluster.stop()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(static_root, ignore_errors=True)
        shutil.rmtree(media_root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
