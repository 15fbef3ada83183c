"""What a person sees: every public page type, checked in headless Chromium and by the Nu Html Checker.

The pages come from tests/e2e/pages.py on a database filled by seed_demo. Each check collects its
failures over all pages and reports them together, each naming the page type, the URL and the rule,
so one run shows everything there is to fix.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.urls import reverse

from tests.e2e.pages import PAGE_TYPE_NAMES, SEARCH_WITH_RESULTS, landed_page_types, page_language

browser = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (360, 768, 1280)
SCREENSHOT_WIDTHS = (360, 1280)
MOBILE_NAV_MAX = 899  # below this width the menu folds behind a button (site.css)


def _report(failures: list[str]) -> str:
    return "\n" + "\n".join(f"  - {line}" for line in failures)


def _visit(page, page_type: str, url: str) -> list[str]:
    """Open a page; the wrong HTTP status or any console/JS error is a failure of that page."""
    problems = page.problems
    before_js, before_console = len(problems.js_errors), len(problems.console_errors)
    before_external = len(problems.external_requests)
    response = page.goto(url, wait_until="load")
    expected = 404 if page_type == "404" else 200
    failures = []
    if response is None or response.status != expected:
        failures.append(
            f"{page_type} {url}: HTTP {response.status if response else '?'}, expected {expected}"
        )
    new_js = problems.js_errors[before_js:]
    new_console = problems.console_errors[before_console:]
    if page_type == "404":
        # Chromium logs the 404 status of the document itself as a console error: that is the point here.
        new_console = [m for m in new_console if "404" not in m]
    failures += [f"{page_type} {url}: JavaScript error: {m}" for m in new_js]
    failures += [f"{page_type} {url}: console error: {m}" for m in new_console]
    failures += [
        f"{page_type} {url}: request to another host: {u}"
        for u in problems.external_requests[before_external:]
    ]
    # Reported here, with the page named, instead of once more, anonymously, by the fixture.
    del problems.js_errors[before_js:]
    del problems.console_errors[before_console:]
    del problems.external_requests[before_external:]
    return failures


def _slug(page_type: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", page_type.lower()).strip("-")


HEADINGS_JS = """() => {
  const shown = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => h.getClientRects().length);
  const problems = [];
  const h1 = shown.filter(h => h.tagName === 'H1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements (exactly one wanted)`);
  let previous = 0;
  for (const h of shown) {
    const level = Number(h.tagName[1]);
    if (level > previous + 1) {
      problems.push(`h${level} "${h.textContent.trim().slice(0, 40)}" follows h${previous || 'nothing'}`);
    }
    previous = level;
  }
  return problems;
}"""

TYPOGRAPHY_JS = """async () => {
  await document.fonts.ready;
  const family = f => f.family.replace(/["']/g, '');
  const loaded = [...document.fonts].some(f => family(f) === 'Be Vietnam Pro' && f.status === 'loaded');
  const ratio = el => {
    const s = getComputedStyle(el);
    return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
  };
  const tight = [...document.querySelectorAll('main p, main li, main dd, main td')]
    .filter(el => el.getClientRects().length && el.textContent.trim())
    .filter(el => !(ratio(el) >= 1.5))
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" `
      + `line-height ${getComputedStyle(el).lineHeight} / font-size ${getComputedStyle(el).fontSize}`);
  return {
    lang: document.documentElement.getAttribute('lang'),
    fontLoaded: loaded && document.fonts.check('16px "Be Vietnam Pro"'),
    bodyFont: getComputedStyle(document.body).fontFamily,
    bodyRatio: ratio(document.body),
    tight,
  };
}"""


@pytest.mark.django_db
def test_catalogue_has_every_page_type_whose_app_has_landed(seeded_pages):
    """Strict by itself: a page type is required as soon as its app, URL name and demo content exist."""
    found = {page_type for page_type, _url in seeded_pages}
    required = set(landed_page_types())
    missing = sorted(required - found, key=PAGE_TYPE_NAMES.index)
    assert not missing, f"seed_demo gives no page of these types, although their apps have landed: {missing}"
    # The always-present core pages must always be there, whatever else is installed.
    assert {"home", "search with results", "search without results", "static page", "404"} <= found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_checks_catch_an_unlabelled_field_low_contrast_and_skipped_heading(browser_page, axe):
    """The harness itself can fail: faults planted in a real page are reported by rule."""
    page = browser_page
    page.goto("/tim-kiem/?q=x")
    page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const input = document.createElement('input');
          input.name = 'unlabelled';
          const faint = document.createElement('p');
          faint.textContent = 'nhạt màu';
          faint.style.color = '#ccc';  // CSSOM, which the CSP allows, unlike a style attribute
          const heading = document.createElement('h4');
          heading.textContent = 'Nhảy cấp';
          main.append(input, faint, heading);
        }"""
    )
    rules = " ".join(axe(page))
    assert "label (critical)" in rules and "color-contrast (serious)" in rules
    assert any("h4" in problem for problem in page.evaluate(HEADINGS_JS))


FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = e => {
    const s = getComputedStyle(e);
    return `outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; box-shadow ${s.boxShadow}`;
  };
  const previous = window.__lastFocused;
  const previousUnfocused = previous && previous !== el ? style(previous) : null;
  if (!el || el === document.body || el === document.documentElement) {
    // Past the last stop, focus leaves the document for the browser's own controls: not a loss.
    const stops = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
      .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length
        && getComputedStyle(e).visibility !== 'hidden');
    return {lost: previous !== stops[stops.length - 1], previousUnfocused};
  }
  window.__lastFocused = el;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 30);
  return {
    lost: false,
    previousUnfocused,
    focused: style(el),
    indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none',
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight,
    region: el.closest('.main-nav') ? 'menu' : el.closest('header') ? 'header' : el.closest('main') ? 'main'
      : el.closest('aside') ? 'aside' : el.closest('footer') ? 'footer' : 'other',
    name: `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : ''} "${text}"`,
  };
}"""


def _keyboard_failures(page, seeded_pages) -> list[str]:
    """Tab through pages: focus is never lost and every stop shows a focus ring it lacks unfocused."""
    failures: list[str] = []
    wanted = {
        "home",
        "article",
        "event",
        "organisation",
        "feedback form",
        "poll results",
        "English organisation",
    }
    for page_type, url in [(t, u) for t, u in seeded_pages if t in wanted]:
        failures += _visit(page, page_type, url)
        regions: list[str] = []
        previous = None
        for step in range(1, 81):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_JS)
            if previous and state["previousUnfocused"] == previous["focused"]:
                failures.append(f"{page_type}: focus on {previous['name']} looks the same as without focus")
            if state["lost"]:
                failures.append(f"{page_type}: focus lost (on <body>) after {step} Tab presses")
            if state["lost"] or "focused" not in state:
                break
            if not state["indicator"]:
                failures.append(f"{page_type}: no outline or box-shadow on focused {state['name']}")
            if not state["visible"]:
                failures.append(f"{page_type}: focused {state['name']} is not on screen")
            regions.append(state["region"])
            previous = state
            if regions.count("main") >= 8:
                break
        for region in ("header", "menu", "main"):
            if region not in regions:
                failures.append(
                    f"{page_type}: Tab never reached the {region} (reached {sorted(set(regions))})"
                )
    return failures


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_headings_typography_keyboard_and_print(browser_page, seeded_pages, axe):
    """At desktop width: axe-core, heading order, font and line height, JS errors on every page type;
    keyboard focus on the pages with the most controls; an article printed."""
    page = browser_page
    failures: list[str] = []
    for page_type, url in seeded_pages:
        failures += _visit(page, page_type, url)
        failures += [f"{page_type} {url}: axe {v}" for v in axe(page)]
        failures += [f"{page_type} {url}: headings: {p}" for p in page.evaluate(HEADINGS_JS)]
        typo = page.evaluate(TYPOGRAPHY_JS)
        if typo["lang"] != page_language(url):
            failures.append(
                f'{page_type} {url}: <html lang="{typo["lang"]}">, expected "{page_language(url)}"'
            )
        if not typo["fontLoaded"] or not typo["bodyFont"].strip("\"'").startswith("Be Vietnam Pro"):
            failures.append(f"{page_type} {url}: Be Vietnam Pro not loaded (body font {typo['bodyFont']})")
        if typo["bodyRatio"] < 1.5:
            failures.append(f"{page_type} {url}: body line-height {typo['bodyRatio']:.2f} < 1.5")
        failures += [f"{page_type} {url}: line-height < 1.5 on {t}" for t in typo["tight"]]
    failures += _keyboard_failures(page, seeded_pages)
    failures += _print_failures(page, seeded_pages)
    assert not failures, _report(failures)


@pytest.mark.django_db
def test_every_page_is_valid_html(client, seeded_pages, vnu, tmp_path):
    """The server's own HTML of each page type, checked by the Nu Html Checker in one Java run."""
    documents = {}
    for page_type, url in seeded_pages:
        response = client.get(url)
        documents[f"{page_type} {url}"] = response.content.decode(response.charset or "utf-8")
    errors = vnu(documents, tmp_path)
    failures = [f"{name}: {error}" for name, messages in errors.items() for error in messages]
    assert not failures, _report(failures)


OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const one = e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}`
    + `${typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : ''}`;
  const path = e => {
    const parts = [];
    for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) parts.unshift(one(n));
    return parts.join(' > ');
  };
  const describe = e => `${path(e)} (right edge ${Math.round(e.getBoundingClientRect().right)}px)`;
  const scroll = document.documentElement.scrollWidth;
  const wide = scroll > width
    ? [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
        .slice(-4).map(describe)
    : [];
  const images = [...document.images].filter(i => i.getClientRects().length);
  return {
    scroll, width, wide,
    imagesTooWide: images.filter(i => i.getBoundingClientRect().right > width + 1).map(i => i.src),
    imagesBroken: images.filter(i => i.complete && i.naturalWidth === 0).map(i => i.src),
  };
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_fit_phone_tablet_and_desktop_and_screenshots_are_saved(
    browser_page, seeded_pages, screenshots_dir
):
    page = browser_page
    failures: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for page_type, url in seeded_pages:
            failures += _visit(page, page_type, url)
            state = page.evaluate(OVERFLOW_JS)
            if state["scroll"] > state["width"]:
                failures.append(
                    f"{page_type} {url} at {width}px: scrolls sideways ({state['scroll']}px wide), "
                    f"widest: {state['wide']}"
                )
            failures += [
                f"{page_type} {url} at {width}px: image wider than the screen: {s}"
                for s in state["imagesTooWide"]
            ]
            failures += [f"{page_type} {url} at {width}px: broken image: {s}" for s in state["imagesBroken"]]
            toggle = page.locator(".main-nav__toggle")
            if width <= MOBILE_NAV_MAX and not toggle.is_visible():
                failures.append(f"{page_type} {url} at {width}px: no menu button")
            if width > MOBILE_NAV_MAX and toggle.is_visible():
                failures.append(f"{page_type} {url} at {width}px: menu button shown on a wide screen")
            if width in SCREENSHOT_WIDTHS:
                page.screenshot(path=str(screenshots_dir / f"{_slug(page_type)}-{width}.png"), full_page=True)
        # The menu button opens the menu on small screens and closes it again.
        if width <= MOBILE_NAV_MAX:
            page.goto("/")
            nav = page.get_by_role("navigation", name="Menu chính")
            first_link = nav.get_by_role("link").first
            toggle = nav.get_by_role("button")
            if first_link.is_visible():
                failures.append(f"menu at {width}px: links shown before the menu button is pressed")
            toggle.click()
            if toggle.get_attribute("aria-expanded") != "true" or not first_link.is_visible():
                failures.append(f"menu at {width}px: the button does not open the menu")
            toggle.click()
            if first_link.is_visible():
                failures.append(f"menu at {width}px: the button does not close the menu")
    assert not failures, _report(failures)


def _article_or_event(seeded_pages) -> tuple[str, str]:
    for wanted in ("article", "event"):
        for page_type, url in seeded_pages:
            if page_type == wanted:
                return page_type, url
    pytest.fail("no article and no event in the seeded database to print")


def _print_failures(page, seeded_pages) -> list[str]:
    """An article (or, until news has demo content, an event) printed: the content and its address only."""
    page_type, url = _article_or_event(seeded_pages)
    failures = _visit(page, page_type, url)
    page.emulate_media(media="print")
    hidden = [
        ".site-header",
        ".main-nav",
        ".sidebar",
        ".site-footer",
        "form",
        ".comments",
        ".share",
        ".rating",
    ]
    for selector in hidden:
        for element in page.locator(selector).all():
            if element.is_visible():
                failures.append(f"{page_type} {url} printed: {selector} is printed")
    print_url = page.locator(".print-url")
    if print_url.count() != 1 or not print_url.is_visible():
        failures.append(f"{page_type} {url} printed: no visible .print-url")
    elif url not in print_url.inner_text():
        failures.append(
            f"{page_type} {url} printed: .print-url does not show {url}: {print_url.inner_text()!r}"
        )
    if not page.locator("main h1").is_visible():
        failures.append(f"{page_type} {url} printed: the title is not printed")
    page.emulate_media(media="screen")
    return failures


@pytest.fixture
def no_js_page(chromium, live_server):
    """A phone-sized page with JavaScript off; requests to other hosts are refused and reported."""
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 800},
        locale="vi-VN",
        java_script_enabled=False,
    )
    own_host = urlsplit(live_server.url).netloc
    external: list[str] = []

    def route(route_obj):
        parts = urlsplit(route_obj.request.url)
        if parts.scheme in {"data", "blob", "about"} or parts.netloc == own_host:
            route_obj.continue_()
        else:
            external.append(route_obj.request.url)
            route_obj.abort()

    context.route("**/*", route)
    yield context.new_page()
    context.close()
    assert not external, f"requests to other hosts: {external}"


def _open_poll_url() -> str:
    """An open poll of the demo content, or a new one when the demo content has none."""
    poll_model = apps.get_model("engagement", "Poll")
    poll = poll_model.objects.open().first()
    if poll is None:
        poll = poll_model.objects.create(question="Bạn biết đến cổng thông tin qua kênh nào?")
        for text in ("Báo chí", "Mạng xã hội", "Tổ dân phố"):
            poll.choices.create(text=text)
    return poll.get_absolute_url()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_menu_search_feedback_and_poll_work_without_javascript(no_js_page, seeded_pages):
    page = no_js_page
    failures: list[str] = []

    page.goto("/")
    nav = page.get_by_role("navigation", name="Menu chính")
    links = nav.get_by_role("link")
    hidden = [links.nth(i).inner_text() for i in range(links.count()) if not links.nth(i).is_visible()]
    top_level = nav.locator(".main-nav__list > li > a")
    if hidden and any(top_level.nth(i).inner_text() in hidden for i in range(top_level.count())):
        failures.append(f"menu without JavaScript: top-level links not visible: {hidden}")
    if nav.get_by_role("button").is_visible():
        failures.append("menu without JavaScript: a menu button that cannot work is shown")
    target = top_level.nth(1)
    href = target.get_attribute("href")
    target.click()
    page.wait_for_load_state()
    if not page.url.endswith(href):
        failures.append(f"menu without JavaScript: following {href} led to {page.url}")

    page.goto("/")
    page.get_by_role("searchbox", name="Tìm kiếm trên cổng").fill(SEARCH_WITH_RESULTS)
    page.get_by_role("search").get_by_role("button").click()
    page.wait_for_load_state()
    if "/tim-kiem/" not in page.url or page.locator("main .search-result").count() == 0:
        failures.append(f"search without JavaScript: no results for {SEARCH_WITH_RESULTS!r} at {page.url}")

    if apps.is_installed("frontcms.engagement"):
        page.goto(reverse("engagement:feedback"))
        form = page.locator("main form")
        for name, value in {
            "name": "Nguyễn Văn Bình",
            "contact": "binh@example.vn",
            "subject": "Góp ý về giờ tiếp dân",
            "message": "Đề nghị bố trí thêm buổi tiếp dân vào sáng thứ Bảy.",
            "captcha_1": "PASSED",
        }.items():
            field = form.locator(f'[name="{name}"]')
            if field.count():
                field.fill(value)
        form.locator('button[type="submit"]').click()
        page.wait_for_load_state()
        if "/gop-y/da-gui/" not in page.url:
            errors = page.locator("main [role=alert]").all_inner_texts()
            failures.append(f"feedback without JavaScript: not sent, still at {page.url}: {errors}")

        page.goto(_open_poll_url())
        page.locator("main form input[type=radio]").first.check()
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        if "ket-qua=" not in page.url or not page.locator("main [role=status]").count():
            failures.append(f"poll without JavaScript: the vote was not confirmed, at {page.url}")
    assert not failures, _report(failures)
