"""Every page of the demo, not a sample: a crawler follows every link a reader can follow on the
site filled by seed_demo, and checks each HTML page at 360, 768 and 1280 px wide.

A page fails when it scrolls sideways (document.documentElement.scrollWidth > innerWidth), does not
answer 200, or logs a JavaScript or console error. One full-page screenshot per kind of page and
width, and one of every failing page, go to test-artifacts/screenshots/every-page/. The crawl also
walks the work schedule's previous/next links until they end: they must end within the weeks that
can hold work, and every empty week must ask search engines not to index or follow it. The English
pages (/en/ and every organisation's /en/to-chuc/<slug>/) are all visited, each with
<html lang="en"> and a link to its Vietnamese twin.

One browser and one tab: each page is loaded once and resized to the three widths. The demo has
about 800 such pages; on the 2-core reference machine, shared with other jobs, the crawl took 17
minutes (layout of each page at three widths dominates), hence its own time limit.
"""

from __future__ import annotations

import io
import re
import time
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from committees.models import Organization
from events.views import schedule_bounds, week_param
from tests.e2e.conftest import ARTIFACTS

# Page widths depend on templates and CSS, not on the database: one pass (SQLite) is enough.
pytestmark = [pytest.mark.browser, pytest.mark.layout, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 768, 1280)
MAX_PAGES = 3000  # far more than the demo has: reaching it means a crawler trap
# Not pages: files, feeds, endpoints, the admin, previews, and the captcha machinery.
SKIPPED = re.compile(
    r"^/(media|static|quan-tri|ckeditor|captcha|tuong-tac/(xem|truy-cap|thong-ke|danh-gia))/"
    r"|/xem-truoc/|\.(ics|xml|txt|gif|json|pdf|docx|xlsx|jpe?g|png|svg)$|/rss/$"
)
KEYWORDS = {"danh-muc", "the", "nhiem-ky", "so-sanh", "lich-cong-tac", "binh-luan", "da-gui", "to-chuc"}
SCHEDULE = "/su-kien/lich-cong-tac/"

PAGE_JS = """() => {
  const links = [...document.querySelectorAll('a[href]')]
    .filter(a => !a.hasAttribute('download'))
    .map(a => a.href);
  const robots = document.querySelector('meta[name=robots]');
  return {
    links,
    lang: document.documentElement.lang,
    twin: [...document.querySelectorAll('link[rel=alternate][hreflang=vi]')].map(l => l.href),
    robots: robots ? robots.content : '',
    rel: Object.fromEntries([...document.querySelectorAll('a[rel=prev], a[rel=next]')]
      .map(a => [a.rel, a.href])),
    empty: !!document.querySelector('.schedule') && !document.querySelector('.schedule__table td a'),
  };
}"""
WIDTH_JS = """() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const name = e => `${e.tagName.toLowerCase()}${typeof e.className === 'string' && e.className.trim()
    ? '.' + e.className.trim().split(/\\s+/).join('.') : ''}`;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1)
    .slice(-3).map(e => `${name(e)} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`);
  return `${document.documentElement.scrollWidth}px wide; widest: ${wide.join(', ')}`;
}"""


def kind_of(path_and_query: str) -> str:
    """`/tin-tuc/<slug>/`, `/to-chuc/<slug>/nhiem-ky/<n>/`, … : one screenshot per kind."""
    parts = urlsplit(path_and_query)
    segments = [s for s in parts.path.split("/") if s]
    named = [s if i == 0 or s in KEYWORDS else "x" for i, s in enumerate(segments)]
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return "-".join(named + keys) or "home"


def _path(url: str, host: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or parts.netloc != host:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIPPED.search(parts.path) else path


@pytest.mark.timeout(1800)
def test_every_page_of_the_demo_fits_phone_tablet_and_desktop(browser_page, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    page = browser_page
    host = urlsplit(live_server.url).netloc
    shots = ARTIFACTS / "screenshots" / "every-page"
    shots.mkdir(parents=True, exist_ok=True)
    start = ["/", "/en/", SCHEDULE, "/sitemap.xml"]  # the sitemap only seeds the queue
    queue, seen = deque(start), set(start)
    failures: list[str] = []
    shot_kinds: set[tuple[str, int]] = set()
    weeks: dict[str, dict] = {}
    visited = 0
    started = time.monotonic()

    # The sitemap names every published object; links found on the pages add the rest.
    queue.remove("/sitemap.xml")
    for loc in re.findall(r"<loc>([^<]+)</loc>", page.request.get("/sitemap.xml").text()):
        path = _path(loc, host)
        if path and path not in seen:
            seen.add(path)
            queue.append(path)

    while queue:
        path = queue.popleft()
        visited += 1
        assert visited <= MAX_PAGES, f"more than {MAX_PAGES} pages: a crawler trap? last: {path}"
        failures += _check(page, path, shots, shot_kinds)
        if visited % 100 == 0:
            print(f"{visited} pages in {time.monotonic() - started:.0f} s, {len(queue)} queued", flush=True)
        info = page.evaluate(PAGE_JS)
        if path.startswith(SCHEDULE):
            weeks[path] = info
        if path.startswith("/en/"):
            failures += _english_failures(path, info, host)
        for link in info["links"]:
            found = _path(link.split("#")[0], host)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)

    failures += _schedule_failures(weeks)
    english = {reverse("committees:english")} | {o.get_english_url() for o in Organization.objects.all()}
    failures += [f"{path}: an English page the crawl never reached" for path in sorted(english - seen)]
    print(f"{visited} pages × {len(WIDTHS)} widths in {time.monotonic() - started:.0f} s")
    assert visited > 400, f"only {visited} pages found: the crawl missed the demo content"
    assert not failures, "\n" + "\n".join(f"  - {line}" for line in failures)


def _check(page, path: str, shots, shot_kinds) -> list[str]:
    failures = []
    problems = page.problems
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})
    # Pictures carry their width and height, so the layout is final before they arrive.
    response = page.goto(path, wait_until="domcontentloaded")
    page.evaluate("document.fonts.ready.then(() => true)")
    if response is None or response.status != 200:
        failures.append(f"{path}: HTTP {response.status if response else '?'}")
    for width in WIDTHS:
        if width != WIDTHS[0]:
            page.set_viewport_size({"width": width, "height": 800})
        overflow = page.evaluate(WIDTH_JS)
        kind = kind_of(path)
        name = f"{kind}-{width}"
        if overflow:
            failures.append(f"{path} at {width}px scrolls sideways: {overflow}")
            name = f"FAILED-{re.sub(r'[^a-z0-9]+', '-', path.lower()).strip('-') or 'home'}-{width}"
        elif (kind, width) in shot_kinds:
            continue
        shot_kinds.add((kind, width))
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    failures += [f"{path}: JavaScript error: {m}" for m in problems.js_errors]
    failures += [f"{path}: console error: {m}" for m in problems.console_errors]
    problems.js_errors.clear()
    problems.console_errors.clear()
    return failures


def _english_failures(path: str, info: dict, host: str) -> list[str]:
    """An English page is in English and names its Vietnamese twin, which it links to."""
    failures = []
    if info["lang"] != "en":
        failures.append(f'{path}: <html lang="{info["lang"]}">, expected "en"')
    twins = [_path(url, host) for url in info["twin"]]
    if len(twins) != 1 or not twins[0] or twins[0].startswith("/en/"):
        failures.append(f"{path}: hreflang=vi alternates {info['twin']}, expected its Vietnamese page")
    elif not any(_path(link.split("#")[0], host) == twins[0] for link in info["links"]):
        failures.append(f"{path}: no link to its Vietnamese page {twins[0]}")
    return failures


def _schedule_failures(weeks: dict[str, dict]) -> list[str]:
    """The schedule's links end (both ways) within the weeks that can hold work; empty weeks are
    noindex, nofollow and weeks with work are not."""
    failures = []
    if len(weeks) < 2:
        return [f"the crawl reached only {len(weeks)} schedule week(s)"]
    by_week = {p.split("tuan=")[-1]: info for p, info in weeks.items() if "tuan=" in p}
    first, last = min(by_week), max(by_week)
    if "prev" in by_week[first]["rel"] or "next" in by_week[last]["rel"]:
        failures.append(f"schedule links go on past {first} or {last}")
    for week, info in by_week.items():
        wanted = "noindex, nofollow" if info["empty"] else ""
        if info["robots"] != wanted:
            failures.append(f"schedule week {week}: robots {info['robots']!r}, expected {wanted!r}")
    # From the first to the last scheduled item (this week included), plus the margin: not 2006 to 2047.
    earliest, latest = (week_param(monday) for monday in schedule_bounds(timezone.localdate()))
    if (first, last) != (earliest, latest):
        failures.append(f"schedule links run from {first} to {last}, expected {earliest} to {latest}")
    return failures
