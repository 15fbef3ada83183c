"""What trafilatura and htmldate contribute to `import_site`, measured on the saved test sites
(tests/news/sites/, with the expected values in expected.json). Run by hand:

    .venv/bin/python bench/import_site_libraries.py

It reads every page with the portal's reader, with and without htmldate, and, for comparison,
asks trafilatura (if installed) and htmldate alone for what the reader finds (headline, date,
author, text, captions). Nothing is written.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from news.legacy_site import SiteArticle, SiteOptions, SkippedPage, discover, read_page, site_names  # noqa: E402

SITES = ROOT / "tests" / "news" / "sites"
CHROME = ["Các tin tức khác", "Tin liên quan", "Thống kê", "Bình luận", "Liên kết website", "Các bài viết khác",
          "Tin đã đưa", "Chia sẻ", "Đang online", "Trả lời", "Bài viết mới", "Thăm dò"]  # fmt: skip


def pages_with_expectations():
    expected = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))
    for family, by_url in expected.items():
        target = (
            [str(SITES / family / "trao-giai-hoi-thi.html")] if family == "single" else [str(SITES / family)]
        )
        pages, _problems = discover(target)
        names = site_names(pages)
        for page in pages:
            key = page.url if page.url in by_url else None
            if key is None:  # a single page is known by its canonical address
                key = next(iter(by_url)) if family == "single" else None
            yield family, page, names, by_url[key]


def score_reader(use_htmldate: bool) -> dict[str, float]:
    fields = [
        "kind",
        "title",
        "published_at",
        "byline",
        "view_count",
        "category",
        "summary",
        "images",
        "text",
    ]
    right = dict.fromkeys(fields, 0)
    total = dict.fromkeys(fields, 0)
    started = time.perf_counter()
    count = 0
    for _family, page, names, want in pages_with_expectations():
        count += 1
        got = read_page(page, SiteOptions(use_htmldate=use_htmldate, site_names=names))
        total["kind"] += 1
        if "skipped" in want:
            right["kind"] += isinstance(got, SkippedPage) and got.reason == want["skipped"]
            continue
        right["kind"] += isinstance(got, SiteArticle)
        for name in fields[1:]:
            total[name] += 1
        if not isinstance(got, SiteArticle):
            continue
        data = got.as_json_dict()
        for name in ["title", "published_at", "byline", "view_count", "category", "summary", "images"]:
            right[name] += data[name] == want[name]
        paragraphs = data["paragraphs"]
        right["text"] += (
            len(paragraphs) == want["paragraphs"]
            and paragraphs[0].startswith(want["first"])
            and paragraphs[-1].startswith(want["last"])
        )
    elapsed = (time.perf_counter() - started) / max(count, 1) * 1000
    return {**{name: (right[name], total[name]) for name in fields}, "ms": elapsed}


def score_libraries_alone() -> dict[str, tuple[int, int]]:
    from htmldate import find_date

    try:
        import trafilatura
    except ImportError:
        print("(trafilatura is not installed: pip install 'trafilatura>=2.3,<2.4' lxml_html_clean)")
        trafilatura = None

    from news.legacy_site import decode_html

    result = {"title": [0, 0], "date": [0, 0], "date (htmldate, extensive)": [0, 0],
              "date (htmldate, markup and URL)": [0, 0], "author": [0, 0], "text": [0, 0],
              "no chrome in text": [0, 0], "captions": [0, 0]}  # fmt: skip
    for _family, page, _names, want in pages_with_expectations():
        if "skipped" in want:
            continue
        html, _codec, _w = decode_html(Path(page.file).read_bytes())
        url = f"http://{page.host or 'example.invalid'}{page.url or '/'}"
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True) if trafilatura else None
        text = (doc.text if doc else "") or ""
        day = (want["published_at"] or "")[:10] or None
        checks = {
            "title": bool(doc) and doc.title == want["title"],
            "date": bool(doc) and (doc.date or None) == day,
            "date (htmldate, extensive)": find_date(html, url=url, original_date=True) == day,
            "date (htmldate, markup and URL)": find_date(
                html, url=url, original_date=True, extensive_search=False
            )
            == day,
            "author": bool(doc) and (doc.author or None) == want["byline"],
            "text": bool(doc) and want["first"][:40] in text and want["last"][:40] in text,
            "no chrome in text": bool(doc) and not any(chrome in text for chrome in CHROME),
            "captions": bool(doc) and all((image["caption"] or "") in text for image in want["images"]),
        }
        for name, ok in checks.items():
            result[name][0] += ok
            result[name][1] += 1
    return {name: tuple(value) for name, value in result.items()}


def main() -> None:
    variants = {"reader (lxml, own rules, htmldate)": True, "reader without htmldate": False}
    print(
        "| variant | page kind | title | date | byline | views | category | summary | photos+captions | text | ms/page |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, flags in variants.items():
        score = score_reader(flags)
        cells = [f"{score[n][0]}/{score[n][1]}" for n in
                 ["kind", "title", "published_at", "byline", "view_count", "category", "summary", "images", "text"]]  # fmt: skip
        print(f"| {label} | " + " | ".join(cells) + f" | {score['ms']:.0f} |")
    print()
    print("| the libraries alone, on the article pages | right |")
    print("| --- | ---: |")
    for name, (right, total) in score_libraries_alone().items():
        print(f"| {name} | {right}/{total} |")


if __name__ == "__main__":
    main()
