"""Lighthouse 12.2.3 on the demo site: home, an article and the events list, mobile and desktop.

Run by hand, never by the tests: `python bench/lighthouse/run.py [--runs 5]`. It

- fills a throw-away SQLite database and media folder with `seed_demo` (or measures
  `--database-url`, with `--media-root`);
- serves the portal as production does: gunicorn, 2 sync workers, DEBUG=0, whitenoise for static
  files (collectstatic into a temporary folder), plus /media/ (bench/lighthouse/wsgi.py stands in
  for nginx there);
- runs Lighthouse (`npm ci` in this folder installs it; Debian's Chromium, headless) `--runs`
  times per page and preset, one run at a time, and prints the median of each figure;
- writes the medians to bench/lighthouse/results.json and each run's report to reports/.

The machine is shared and Lighthouse's CPU benchmark index moves between runs, so compare medians
of several runs, taken in one sitting.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.run_bench import run, wait_for  # noqa: E402
from tests.pgcluster import free_port  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
FIGURES = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI ms",
}
FIND_ARTICLE = (
    "from news.models import Article; "
    "a = Article.objects.published().exclude(cover='').order_by('-published_at').first(); "
    "print(a.get_absolute_url())"
)


def lighthouse(url: str, preset: str, report: Path) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--chrome-flags=--headless=new --no-sandbox",
        "--only-categories=performance",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    for _attempt in range(3):  # Lighthouse now and then fails to record a trace (NO_NAVSTART): again
        subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False, timeout=300)
        data = json.loads(report.read_text())
        if not data.get("runtimeError"):
            break
    else:
        raise RuntimeError(f"{url} {preset}: {data['runtimeError']['message']}")
    audits = data["audits"]
    figures = {"score": round(data["categories"]["performance"]["score"] * 100)}
    figures |= {label: audits[key]["numericValue"] for key, label in FIGURES.items()}
    figures["benchmark index"] = data["environment"]["benchmarkIndex"]
    return figures


def medians(runs: list[dict]) -> dict:
    return {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--media-root", default="")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)

    work = Path(tempfile.mkdtemp(prefix="frontcms-lighthouse-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "frontcms.settings",
        "DATABASE_URL": args.database_url or f"sqlite:///{work / 'demo.sqlite3'}",
        "MEDIA_ROOT": args.media_root or str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "DEBUG": "0",
        "SECRET_KEY": "lighthouse-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "WEB_CONCURRENCY": "2",
    }
    server = None
    try:
        run([PYTHON, "manage.py", "migrate", "-v0"], env)
        if not args.database_url:
            run([PYTHON, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        article = run([PYTHON, "manage.py", "shell", "-v0", "-c", FIND_ARTICLE], env, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [GUNICORN, "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
            + ["--access-logfile", "/dev/null", "bench.lighthouse.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        pages = {"home": "/", "article": article.stdout.strip(), "events list": "/su-kien/"}
        for path in pages.values():
            wait_for(base + path)  # also fills the page cache, as readers would
        reports = HERE / "reports"
        reports.mkdir(exist_ok=True)
        results = {}
        for name, path in pages.items():
            for preset in ("mobile", "desktop"):
                runs = [
                    lighthouse(base + path, preset, reports / f"{name.replace(' ', '-')}-{preset}-{n}.json")
                    for n in range(args.runs)
                ]
                results[f"{name}, {preset}"] = {"median": medians(runs), "scores": [r["score"] for r in runs]}
                print(f"{name:12} {preset:8} {results[f'{name}, {preset}']}", flush=True)
        (HERE / "results.json").write_text(
            json.dumps({"lighthouse": "12.2.3", "runs": args.runs, "pages": results}, indent=2) + "\n"
        )
        print(
            "\n| page | preset | score (median) | scores | FCP ms | LCP ms | TBT ms | CLS | SI ms | benchmark index |"
        )
        print("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for key, result in results.items():
            page, preset = key.split(", ")
            m = result["median"]
            print(
                f"| {page} | {preset} | {m['score']:.0f} | {', '.join(map(str, result['scores']))} | "
                f"{m['FCP ms']:.0f} | {m['LCP ms']:.0f} | {m['TBT ms']:.0f} | {m['CLS']:.3f} | "
                f"{m['SI ms']:.0f} | {m['benchmark index']:.0f} |"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
