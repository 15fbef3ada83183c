"""Fuzzing: every public URL pattern with random and hostile path segments and query strings,
through the Django test client. Whatever a client sends, the answer is never a 5xx.

Reproducible (fixed seed) and bounded (a few thousand requests).
"""

from __future__ import annotations

import random
import re
import traceback
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.support import factories_by_model

SEED = 20261125
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")

HOSTILE_SEGMENTS = [
    "x",
    "a" * 300,
    "b" * 3000,
    "dai-hoi-dai-bieu",
    "%C4%90%E1%BA%A1i%20h%E1%BB%99i",  # "Đại hội"
    "%00",
    "%ff",
    "%ff%fe%fd",
    "%C3%28",  # invalid UTF-8 sequence
    "%ED%A0%80",  # a UTF-16 surrogate in UTF-8
    "%c0%af",  # overlong "/"
    "..",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e%5c%2e%2e%5cwindows",
    "'%20OR%201%3D1--",
    "1%3B%20DROP%20TABLE%20news_article%3B--",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%7B%7B7*7%7D%7D",
    "-1",
    "0",
    "99999999999999999999999999",
    "2147483648",
    "1e308",
    "NaN",
    "%20",
    "%E2%80%AE",  # right-to-left override
    "%F0%9F%98%80",  # emoji
    "null",
    "%25",
    "%2F",
    ";",
    "lich.ics",
]

QUERY_KEYS = [
    "trang",
    "page",
    "q",
    "tuan",
    "nam",
    "loai",
    "to-chuc",
    "kind",
    "thang",
    "trang-thai",
    "sap-toi",
    "da-gui",
    "format",
    "sort",
    "year",
    "status",
    "organization",
    "upcoming",
    "tag",
]
QUERY_VALUES = [
    "-1",
    "0",
    "1",
    "99999999999999999999999",
    "2147483648",
    "1.5",
    "1e9",
    "abc",
    "",
    "%ff",
    "%C3%28",
    "%ED%A0%80",
    "%E2%80%AE",
    "2024-W99",
    "2024-W00",
    "9999-W52",
    "0000-W01",
    "2024-W19",
    "-2024-W-1",
    "%5B%5D",
    "%7B%7D",
    "'%20OR%201%3D1--",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "x" * 1000,
    "%F0%9F%98%80" * 50,
    "..%2F..%2F",
    "true",
    "None",
]


def _routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        pattern = str(entry.pattern)
        if pattern.startswith("^"):  # regex pattern: name its groups like a route
            pattern = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<str:\1>", pattern.lstrip("^").rstrip("$"))
            pattern = pattern.replace("\\", "")
            if re.search(r"[()\[\]*+?|]", pattern):
                continue
        route = prefix + pattern
        if route.startswith((settings.ADMIN_URL, "ckeditor/")):
            continue  # covered by the access tests
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _fill(route: str, values: dict[str, str], rng: random.Random, hostile: str | None = None) -> str:
    def replace(match):
        converter, name = match.group(1) or "str", match.group(2)
        if hostile is not None and rng.random() < 0.8:
            return hostile
        if converter == "int":
            return values.get(name, str(rng.randint(1, 10)))
        return values.get(name) or _random_segment(rng)

    return "/" + CONVERTER.sub(replace, route)


def _random_segment(rng: random.Random) -> str:
    alphabet = "abcxyz019-_.~ĐđẠạỮữ%+"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
    return quote(text, safe="%-_.~")


@pytest.fixture
def seeded(db):
    """One object from every factory that builds without arguments: real slugs to fuzz around."""
    values: dict[str, list[str]] = {"slug": [], "number": [], "path": [], "pk": []}
    urls = []
    for _model, factory_class in factories_by_model().items():
        try:
            with transaction.atomic():
                obj = factory_class.create()
        except Exception:  # noqa: S112 - factories that need arguments are simply not used here
            continue
        if getattr(obj, "slug", None):
            values["slug"].append(obj.slug)
            values["path"].append(obj.slug)
        if getattr(obj, "number", None):
            values["number"].append(str(obj.number))
        values["pk"].append(str(obj.pk))
        if hasattr(obj, "get_absolute_url"):
            try:
                urls.append(obj.get_absolute_url())
            except Exception:  # noqa: S112 - e.g. objects whose page needs a parent
                continue
    return values, urls


@pytest.fixture
def fuzz_client():
    failures = []

    def record(sender, request=None, **kwargs):
        failures.append((request.get_full_path() if request else "?", traceback.format_exc(limit=-3)))

    got_request_exception.connect(record)
    yield Client(raise_request_exception=False), failures
    got_request_exception.disconnect(record)


def _check(client, url, server_errors):
    response = client.get(url)
    if response.status_code >= 500:
        server_errors.append((url[:200], response.status_code))
    return response


@pytest.mark.django_db
def test_hostile_path_segments_never_give_a_server_error(seeded, fuzz_client):
    values, _urls = seeded
    client, exceptions = fuzz_client
    rng = random.Random(SEED)
    routes = sorted(set(_routes()))
    assert len(routes) >= 20, routes
    server_errors = []
    count = 0
    for route in routes:
        if "<" not in route:
            for hostile in ("", "?", "%ff/", "x/"):
                _check(client, "/" + route + hostile, server_errors)
                count += 1
            continue
        for hostile in HOSTILE_SEGMENTS:
            real = {name: rng.choice(v) for name, v in values.items() if v}
            _check(client, _fill(route, real, rng, hostile), server_errors)
            count += 1
        for _ in range(15):
            real = {name: rng.choice(v) for name, v in values.items() if v and rng.random() < 0.5}
            _check(client, _fill(route, real, rng), server_errors)
            count += 1
    assert count > 500
    assert not server_errors, (server_errors[:20], exceptions[:3])


@pytest.mark.django_db
def test_hostile_query_strings_never_give_a_server_error(seeded, fuzz_client):
    _values, urls = seeded
    client, exceptions = fuzz_client
    rng = random.Random(SEED + 1)
    pages = sorted({"/" + r for r in _routes() if "<" not in r} | set(urls))
    server_errors = []
    count = 0
    for page in pages:
        # Every key with every kind of value once, then random mixtures with repeated keys.
        for key in QUERY_KEYS:
            value = rng.choice(QUERY_VALUES)
            _check(client, f"{page}?{key}={value}", server_errors)
            count += 1
        for _ in range(15):
            pairs = [f"{rng.choice(QUERY_KEYS)}={rng.choice(QUERY_VALUES)}" for _ in range(rng.randint(1, 6))]
            if rng.random() < 0.3:
                pairs.append(pairs[0])  # repeated key
            _check(client, f"{page}?{'&'.join(pairs)}", server_errors)
            count += 1
        for raw in ("trang", "=", "&&&", "trang=1&trang=-5&trang=x", "q=" + "%ff" * 600, "%ff=%fe"):
            _check(client, f"{page}?{raw}", server_errors)
            count += 1
    assert count > 500
    assert not server_errors, (server_errors[:20], exceptions[:3])


@pytest.mark.django_db
def test_every_method_and_odd_headers_never_give_a_server_error(seeded, fuzz_client):
    _values, urls = seeded
    client, exceptions = fuzz_client
    pages = sorted({"/" + r for r in _routes() if "<" not in r} | set(urls))[:40]
    server_errors = []
    for page in pages:
        for method in ("post", "put", "patch", "delete", "options", "head"):
            response = getattr(client, method)(page)
            if response.status_code >= 500:
                server_errors.append((method, page, response.status_code))
        for headers in (
            {"HTTP_ACCEPT_LANGUAGE": "x" * 500},
            {"HTTP_IF_NONE_MATCH": '"' + "x" * 300},
            {"HTTP_IF_MODIFIED_SINCE": "not a date"},
            {"HTTP_X_FORWARDED_FOR": "1.2.3.4, <script>, ::1"},
            {"HTTP_USER_AGENT": "\u202e" * 200},
            {"HTTP_RANGE": "bytes=-1-2"},
            {"HTTP_REFERER": "javascript:alert(1)"},
        ):
            response = client.get(page, **headers)
            if response.status_code >= 500:
                server_errors.append((page, headers, response.status_code))
    assert not server_errors, (server_errors[:20], exceptions[:3])


FORM_FIELDS = [
    "name",
    "contact",
    "email",
    "subject",
    "message",
    "text",
    "score",
    "choice",
    "choices",
    "captcha_0",
    "captcha_1",
    "website",
    "q",
    "csrfmiddlewaretoken",
]
FORM_VALUES = [
    "",
    "x",
    "\x00",
    "a\x00b",
    "x" * 20000,
    "-1",
    "99999999999999999999",
    "1.5",
    "<script>alert(1)</script>",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "\u202e",
    "PASSED",
    "0",
]


def _post_targets(seeded_values) -> list[str]:
    """Every public route, filled with real values where the seeded objects have them, plus the
    engagement forms of a real article and poll when those apps exist."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    rng = random.Random(SEED + 3)
    targets = {_fill(route, {k: v[0] for k, v in seeded_values.items() if v}, rng) for route in _routes()}
    if apps.is_installed("frontcms.engagement") and apps.is_installed("news"):
        from tests.factories import ArticleFactory, PollFactory

        article = ArticleFactory()
        ct = ContentType.objects.get_for_model(article).pk
        poll = PollFactory()
        targets |= {
            reverse("engagement:comment", kwargs={"ct_id": ct, "object_id": article.pk}),
            reverse("engagement:rate", kwargs={"ct_id": ct, "object_id": article.pk}),
            reverse("engagement:vote", kwargs={"pk": poll.pk}),
            reverse("engagement:feedback"),
        }
    return sorted(targets)


@pytest.mark.django_db
def test_hostile_form_posts_never_give_a_server_error(seeded, fuzz_client):
    values, _urls = seeded
    client, exceptions = fuzz_client
    rng = random.Random(SEED + 2)
    server_errors, statuses = [], set()
    targets = _post_targets(values)
    for url in targets:
        for _ in range(8):
            data = {}
            for name in rng.sample(FORM_FIELDS, rng.randint(1, len(FORM_FIELDS))):
                value = rng.choice(FORM_VALUES)
                data[name] = [value, rng.choice(FORM_VALUES)] if rng.random() < 0.2 else value
            response = client.post(url, data)
            statuses.add(response.status_code)
            if response.status_code >= 500:
                server_errors.append((url, sorted(data), response.status_code))
        from django.core.cache import cache

        cache.clear()  # keep the rate limits from hiding the later posts
    assert len(targets) > 20
    assert statuses & {200, 302, 400}, statuses  # some posts reached a form, not only 403/405
    assert not server_errors, (server_errors[:10], exceptions[:3], statuses)
