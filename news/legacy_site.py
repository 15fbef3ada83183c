"""Read an old website saved with ``wget --mirror --adjust-extension --page-requisites`` (or single
HTML pages) and recover its articles.

No Django here: the ``import_site`` command turns what this module finds into articles. For each
page it decides whether it is an article (category lists, the home page, tag, archive and search
pages, print versions and pagination are skipped with the reason), then finds in the DOM the
headline, the breadcrumb or category link, the summary, the photos with their captions (in the
ways the old CMSs each wrote them) and the blocks of text. The text of those blocks goes through
the same Vietnamese rules as ``import_articles`` (:func:`news.legacy_import.analyse_lines`): the
publish date under the headline (never the page-header date above it), the view count, the end
of the article before the blocks of links to other items, and the closing byline.

Libraries: lxml for the DOM; charset-normalizer to guess the encoding of a page that declares
none it can be read in; htmldate for a date the page states only in its markup or address (read
from the <head> and the article alone, so never the page-header date). trafilatura was measured
and left out (bench/import_site_libraries.py, README "Moving an old website in").
"""

from __future__ import annotations

import codecs
import os
import posixpath
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from charset_normalizer import from_bytes
from lxml import etree

from .legacy_import import VN_TZ, analyse_lines, parse_datetime_vi

__all__ = [
    "FailedPage",
    "PageImage",
    "SiteArticle",
    "SiteOptions",
    "SitePage",
    "SkippedPage",
    "decode_html",
    "discover",
    "read_page",
    "read_site",
]

SKIP_REASONS = ("home", "category", "tag", "archive", "search", "print", "pagination", "other")

# --------------------------------------------------------------------------------------------
# Finding the pages of a saved site
# --------------------------------------------------------------------------------------------

_HOST_RE = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?$|^localhost(?::\d+)?$", re.I
)
_NOT_PAGES = {
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".ico", ".svg", ".css", ".js", ".json",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".7z", ".mp3",
    ".mp4", ".avi", ".wmv", ".flv", ".swf", ".woff", ".woff2", ".ttf", ".eot", ".txt", ".xml",
    ".rss", ".gz", ".tif", ".tiff",
}  # fmt: skip
# Server-side extensions whose pages wget's --adjust-extension saved with ".html" added.
_SERVER_EXT_RE = re.compile(r"\.(?:aspx?|php\d?|jsp|cfm|ashx|cgi|pl|shtml|do)$", re.I)
_HTML_SNIFF_RE = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|meta|title)[\s>]", re.I)
# A page is read whole into memory and parsed: old CMS pages are well under 1 MB, even with an
# ASP.NET __VIEWSTATE; anything this big is not an article page.
MAX_PAGE_BYTES = 10_000_000
_HTML_START_RE = re.compile(r"^(?:\s|<!--.*?-->)*<", re.S)
_HTML_TAG_RE = re.compile(r"<\s*(?:!doctype\s+html|html|head|body)[\s>]", re.I)


@dataclass
class SitePage:
    """One HTML file of a saved site and the address it had on the old site."""

    file: str
    host: str | None = None
    root: str | None = None  # the host folder (wget's top folder) the file lies in
    mirror: str | None = None  # the folder holding host folders, for photos on other hosts
    url: str | None = None  # old path with its query: "/Default.aspx?tabid=57&ArticleID=123"
    alternates: list[str] = field(default_factory=list)  # other spellings of the same address
    # The folder given on the command line (for a single file: its host folder or its own folder).
    # Nothing outside it is read, whatever a symbolic link or a photo's address says.
    boundary: str | None = None

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.url or "\uffff", self.file)

    def holds(self, path: str) -> bool:
        """Whether `path`, its symbolic links followed, lies inside the folder given."""
        return is_inside(self.boundary or self.root or os.path.dirname(self.file), path)


def is_inside(folder: str, path: str) -> bool:
    """Whether `path` (symbolic links and ``..`` resolved) lies in `folder` (resolved too)."""
    folder, path = os.path.realpath(folder), os.path.realpath(path)
    return os.path.commonpath([folder, path]) == folder


def _looks_like_html(path: Path, sniff: bool = True) -> bool:
    """Pages by their name (what wget saved as one is read, and reported if it is not one), other
    files by a look at their first bytes (`sniff`; never for a link pointing outside the folder)."""
    if path.suffix.lower() in _NOT_PAGES and "?" not in path.name:
        return False
    if path.suffix.lower() in {".html", ".htm", ".shtml", ".xhtml", ".aspx", ".asp", ".php"}:
        return True
    if not sniff:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return True  # reported when it is read
    return bool(_HTML_SNIFF_RE.search(head))


def old_address(relative: str) -> tuple[str, list[str]]:
    """The old path of a file saved by wget (relative to its host folder), and alternatives.

    wget keeps the query in the file name (``Default.aspx?tabid=57&ArticleID=123.html``; ``@``
    instead of ``?`` with --restrict-file-names=windows), adds ``.html`` with --adjust-extension
    and saves folder addresses (``/2019/07/23/slug/``) as ``index.html``.
    """
    path = "/" + relative.replace(os.sep, "/").lstrip("/")
    folder, name = posixpath.split(path)
    if "?" not in name and re.search(r"\.(?:aspx?|php\d?|jsp|cfm)@\w", name, re.I):
        name = name.replace("@", "?", 1)
    alternates: list[str] = []
    base, _dot, query = name.partition("?")
    if query:
        if query.lower().endswith(".html"):
            query = query[:-5]
        name = f"{base}?{query}"
    elif name.lower().endswith(".html") and _SERVER_EXT_RE.search(name[:-5]):
        name = name[:-5]
    elif name.lower() == "index.html":
        return folder.rstrip("/") + "/", [path]
    elif name.lower().endswith(".html"):
        # Either the old address ended in .html, or wget added it to an address without one.
        alternates.append(posixpath.join(folder, name[:-5]))
    return posixpath.join(folder, name), alternates


def discover(paths: list[str]) -> tuple[list[SitePage], list[tuple[str, str]]]:
    """The HTML pages under `paths` (folders saved by wget, or single files), in old-path order,
    and the paths that could not be used, with the reason."""
    pages: list[SitePage] = []
    problems: list[tuple[str, str]] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            problems.append((given, "not found"))
            continue
        if path.is_file():
            pages.append(_single_file(path))
            continue
        hosts = _host_folders(path)
        if not hosts:
            hosts = [path]
        for root in hosts:
            host = root.name.lower() if _HOST_RE.match(root.name) else None
            for folder, dirs, files in os.walk(root):
                dirs.sort()
                for name in sorted(files):
                    file = Path(folder) / name
                    if not _looks_like_html(file, sniff=is_inside(str(path), str(file))):
                        continue
                    url, alternates = old_address(str(file.relative_to(root)))
                    pages.append(
                        SitePage(
                            file=str(file),
                            host=host,
                            root=str(root),
                            mirror=str(root.parent) if host else None,
                            url=url,
                            alternates=alternates,
                            boundary=str(path),
                        )
                    )
    pages.sort(key=lambda page: page.sort_key)
    return pages, problems


def _host_folders(path: Path, depth: int = 3) -> list[Path]:
    """The folders named after a host (wget's top folders) at or below `path`."""
    if _HOST_RE.match(path.name):
        return [path]
    if depth == 0:
        return []
    found: list[Path] = []
    for child in sorted(path.iterdir()):
        if child.is_dir() and not child.is_symlink():
            found.extend(_host_folders(child, depth - 1))
    return found


def _single_file(path: Path) -> SitePage:
    """A page given on its own: its old address is known only if it names it (canonical link);
    a host folder above it (wget's layout) gives one too."""
    for parent in path.resolve().parents:
        if _HOST_RE.match(parent.name):
            url, alternates = old_address(str(path.resolve().relative_to(parent)))
            return SitePage(
                str(path), parent.name.lower(), str(parent), str(parent.parent), url, alternates, str(parent)
            )
    return SitePage(file=str(path), root=str(path.parent), boundary=str(path.parent))


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:\-]+)""",
    re.I,
)
_CHARSET_ALIASES = {
    "unicode": "utf-8",
    "utf8": "utf-8",
    "win-1258": "cp1258",
    "windows1258": "cp1258",
    "x-user-defined": "cp1252",
}
_SINGLE_BYTE_LATIN = {"iso8859-1", "cp1252", "ascii", "latin-1", "iso8859-15"}


def _codec(name: str) -> str | None:
    name = _CHARSET_ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Decode a saved page: BOM, then the declared charset (windows-1258 and other legacy ones
    included), then UTF-8, then a guess. Returns (NFC text with LF newlines, codec, warnings)."""
    warnings: list[str] = []
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _normalise(data[len(bom) :].decode(name, errors="replace")), name, warnings
    declared = None
    match = _META_CHARSET_RE.search(data[:8192])
    if match:
        label = (match.group(1) or match.group(2)).decode("ascii", "replace")
        declared = _codec(label)
        if declared is None:
            warnings.append(f"unknown charset {label!r} declared; the encoding was guessed")
    candidates = []
    if declared and declared not in _SINGLE_BYTE_LATIN:
        candidates.append(declared)
    candidates.append("utf-8")  # pages that declare latin-1 but hold UTF-8 are common
    if declared:
        candidates.append(declared)
    for name in candidates:
        try:
            return _normalise(data.decode(name)), name, warnings
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    name = best.encoding if best else "cp1258"
    warnings.append(f"page is not valid {declared or 'UTF-8'}; read as {name}")
    return _normalise(data.decode(name, errors="replace")), name, warnings


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass
class PageImage:
    src: str  # the photo's address on the old site
    caption: str | None = None
    file: str | None = None  # where the saved copy is, or None when it is missing
    alt: str = ""

    def as_json_dict(self) -> dict[str, Any]:
        return {"src": self.src, "caption": self.caption}


@dataclass
class SiteArticle:
    """One article recovered from a saved page. ``body_html`` names photos by their old ``src``;
    the importer rewrites those to the copies it stores."""

    file: str
    url: str | None
    title: str
    published_at: datetime | None
    view_count: int | None
    byline: str | None
    paragraphs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    category: str | None = None
    summary: str = ""
    images: list[PageImage] = field(default_factory=list)
    body_html: str = ""
    alternates: list[str] = field(default_factory=list)
    date_source: str | None = None  # "text", "markup" or "htmldate", for the measurements
    host: str | None = None  # the old site's domain (wget's host folder), when known

    def as_json_dict(self) -> dict[str, Any]:
        """The dry-run object: the fields of import_articles, then url, category, summary, images."""
        return {
            "file": self.file,
            "title": self.title,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "view_count": self.view_count,
            "byline": self.byline,
            "paragraphs": list(self.paragraphs),
            "warnings": list(self.warnings),
            "url": self.url,
            "category": self.category,
            "summary": self.summary or None,
            "images": [image.as_json_dict() for image in self.images],
        }

    @property
    def old_paths(self) -> list[str]:
        paths = [self.url] if self.url else []
        return paths + [path for path in self.alternates if path not in paths]


@dataclass
class SkippedPage:
    file: str
    url: str | None
    reason: str  # one of SKIP_REASONS
    detail: str = ""


@dataclass
class FailedPage:
    file: str
    url: str | None
    reason: str


@dataclass
class SiteOptions:
    """What helps the reader; the measurements turn the libraries off one by one."""

    use_htmldate: bool = True
    site_names: dict[str | None, set[str]] = field(default_factory=dict)  # per host


# --------------------------------------------------------------------------------------------
# Page kinds from the address
# --------------------------------------------------------------------------------------------

# (kind, pattern, sure): an address that is sure to be a list page is skipped unread; the other
# patterns (folder names such as /tim-kiem/ or /chuyen-muc/, which an article's address may
# also hold) only count when the page turns out to hold no article text.
_URL_KINDS = [
    ("print", re.compile(r"[?&](?:print|printable|mode=print)(?:=1|=true|=yes)?(?:&|$)|/print/|printpreview|"
                         r"ctl[/=]print|/in-bai|inbai|print\.(?:aspx|php|html?)|tmpl=component&print|[?&]print=", re.I), True),
    ("pagination", re.compile(r"[?&](?:page|paged|trang|start|limitstart|pageindex|pagenum|currentpage|pg|cpage)="
                              r"0*[1-9]\d*(?:&|$)|/page/\d+/?$|/trang-\d+(?:\.html?)?/?$", re.I), True),
    ("search", re.compile(r"[?&](?:s|q|keyword|keywords|searchword|tukhoa|key)=|option=com_search|ctl[/=]search", re.I), True),
    ("tag", re.compile(r"option=com_tags|[?&]tag=", re.I), True),
    ("archive", re.compile(r"/(?:19|20)\d\d(?:/[01]\d)?(?:/[0-3]\d)?/?$|view=archive", re.I), True),
    ("category", re.compile(r"view=(?:category|featured|section|categories)", re.I), True),
    ("search", re.compile(r"/search|/tim-?kiem|/timkiem", re.I), False),
    ("tag", re.compile(r"/tags?/|/the/|/tu-khoa/|/tukhoa/|/keyword/", re.I), False),
    ("archive", re.compile(r"/archives?(?:/|$|\.)|/author/|/luu-tru|/date/", re.I), False),
    ("category", re.compile(r"/category/|/chuyen-muc/|/danh-muc/|/chuyenmuc/|/danhmuc/|/categories/", re.I), False),
]  # fmt: skip
_HOME_PATHS = {"/", "/index", "/home", "/trang-chu", "/trangchu", "/default"}


def _kind_from_url(url: str | None) -> tuple[str | None, bool]:
    """What the address says the page is, and whether that is sure."""
    if not url:
        return None, False
    for kind, pattern, sure in _URL_KINDS:
        if pattern.search(url):
            return kind, sure
    path, _q, query = url.partition("?")
    bare = re.sub(r"/(?:index|default)\.(?:html?|php|aspx?)$", "", path.lower()).rstrip("/") or "/"
    bare = re.sub(r"\.html?$", "", bare)
    if bare in _HOME_PATHS and not query.strip("&"):
        return "home", True
    return None, False


# --------------------------------------------------------------------------------------------
# DOM helpers
# --------------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "ul", "ol", "li", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "figure",
    "figcaption", "center", "form", "header", "footer", "nav", "aside", "main", "hr", "address",
    "fieldset", "caption",
}  # fmt: skip
_DROP_TAGS = {
    "script", "style", "noscript", "iframe", "object", "embed", "svg", "canvas", "map", "select",
    "input", "button", "textarea", "link", "meta", "video", "audio", "frameset", "frame", "template",
}  # fmt: skip
_CHROME_RE = re.compile(
    r"menu|breadcrumb|pathway|sidebar|side-bar|footer|banner|addthis|sharethis|social|share|comment|"
    r"binhluan|binh-luan|counter|thongke|thong-ke|visitor|poll|binhchon|binh-chon|khaosat|khao-sat|"
    r"advert|quangcao|quang-cao|pagination|pagenav|pager|paging|weblink|lienket|lien-ket|copyright|"
    r"related|lienquan|lien-quan|tinkhac|tin-khac|othernews|other-news|morenews|more-news|tinmoi|"
    r"tin-moi|rating|vote|login|search|toolbar|fontsize|font-size|topbar|top-bar|widget|marquee|"
    r"carousel|print|email|tags|keyword|article-tools|articletools|cat-links|post-navigation|nav-links|"
    r"entry-footer|leftcol|rightcol|left-col|right-col|colleft|colright|col-left|col-right|leftpane|"
    r"rightpane|cottrai|cotphai|cot-trai|cot-phai|(?:^|[\W_])(?:nav|navbar|navigation|ads|icons|actions|"
    r"hotline|links)(?:$|[\W_])|(?:^|\s)(?:header|top-?header|site-?header|page-?top|top)(?:\s|$)",
    re.I,
)
_TITLE_CLASS_RE = re.compile(
    r"(?:^|[\W_])(?:title|tieu-?de|tieude|headline|contentheading|heading|entry-title|post-title)"
    r"|newstitle|articletitle|title-?detail|detail-?title",
    re.I,
)
_SUMMARY_CLASS_RE = re.compile(
    r"sapo|summary|(?:^|[\W_])lead(?:$|[\W_])|tomtat|tom-tat|(?:^|[\W_])intro|chapeau|excerpt|abstract|"
    r"teaser|(?:^|[\W_])mota|mo-ta|trichdan|trich-dan|description",
    re.I,
)
_CAPTION_CLASS_RE = re.compile(
    r"caption|chuthich|chu-thich|(?:^|[\W_])desc|imgdesc|image_desc|imagedesc|photo-?note|ghichu|legend|"
    r"pcaption|(?:^|[\W_])note(?:$|[\W_])",
    re.I,
)
_CATEGORY_CLASS_RE = re.compile(
    r"category-name|cat-links|(?:^|[\W_])(?:cate|category|chuyenmuc|danhmuc)(?:$|[\W_])", re.I
)
_BREADCRUMB_CLASS_RE = re.compile(
    r"breadcrumb|pathway|crumbs|duong-?dan|navigation-path|(?:^|[\W_])path(?:$|[\W_])", re.I
)
_ICON_SRC_RE = re.compile(
    r"spacer|blank\.|pixel|(?:^|[/_-])icons?[/_.-]|ico_|bullet|arrow|(?:^|[/_-])print|email|mail\.|share|facebook|"
    r"zalo|twitter|(?:^|[/_-])btn|button|rss|(?:^|/)(?:new|hot)\d*\.gif|loading|lazy|placeholder",
    re.I,
)
_TITLE_SEPARATORS_RE = re.compile(r"\s+(?:[-–—|:»>]|::)\s+")
_READ_MORE = {"xem tiep", "chi tiet", "doc tiep", "xem them", "doc them", "read more", "xem chi tiet"}
_HOME_CRUMBS = {"trang chủ", "trang nhất", "home", "trang chính", "trang chu"}
_SPACE_RE = re.compile(r"\s+")


def _attrs(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _text(el) -> str:
    return _SPACE_RE.sub(" ", el.text_content()).strip() if el is not None else ""


def _clean(text: str) -> str:
    return _SPACE_RE.sub(" ", text.replace("\u200b", "").replace("\ufeff", "")).strip()


def _is_chrome(el) -> bool:
    attrs = _attrs(el).strip()
    return bool(attrs) and _CHROME_RE.search(attrs) is not None


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


def _in_chrome(el) -> bool:
    return any(_is_chrome(a) or a.tag in {"nav", "footer", "aside"} for a in el.iterancestors())


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    return _SPACE_RE.sub(" ", "".join(c for c in text if not unicodedata.combining(c))).strip()


# --------------------------------------------------------------------------------------------
# Reading one page
# --------------------------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "text", "li", "heading", "figure", "table"
    text: str = ""
    html: str = ""
    group: object = 0  # the source element (and paragraph), to put lines split at <br> back together
    tag: str = "p"  # ul/ol for list items, h2..h4 for headings
    image: PageImage | None = None
    caption_like: bool = False
    bold: bool = False
    source: Any = None  # the element the text came from


class _PageReader:
    """Reads one page; use :func:`read_page`."""

    def __init__(self, page: SitePage, text: str, options: SiteOptions):
        self.page = page
        self.source = text
        self.options = options
        self.warnings: list[str] = []
        self.outside_photos: set[str] = set()  # found, but outside the folder given: not read
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
        self.doc = lxml.html.document_fromstring(text or "<html></html>")
        self.base = self._base_url()
        self._root_el = None
        self._title = None
        self.hint: str | None = None

    # -- addresses -------------------------------------------------------------------------

    def _base_url(self) -> str:
        # A page without a host folder: addresses resolve against its own folder.
        host = self.page.host or "old-site.invalid"
        base = f"http://{host}{self.page.url or '/' + os.path.basename(self.page.file)}"
        for el in self.doc.iter("base"):
            if el.get("href"):
                base = urljoin(base, el.get("href"))
        return base

    def _same_host(self, netloc: str) -> bool:
        if not netloc:
            return True
        strip = lambda h: h.lower().split(":")[0].removeprefix("www.")  # noqa: E731
        return strip(netloc) == strip(self.page.host or "old-site.invalid")

    def canonical_paths(self) -> list[str]:
        found = []
        for el in self.doc.xpath('//link[@rel="canonical"]|//meta[@property="og:url"]'):
            href = (el.get("href") or el.get("content") or "").strip()
            if not href:
                continue
            parts = urlsplit(urljoin(self.base, href))
            if self._same_host(parts.netloc) or self.page.host is None:
                path = parts.path + ("?" + parts.query if parts.query else "")
                if path and path not in found:
                    found.append(path)
        return found

    def resolve_src(self, src: str) -> tuple[str, str | None]:
        """The photo's old address (a site path, or a full URL on another host) and its saved copy."""
        url = urljoin(self.base, src.strip())
        parts = urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query else "")
        if self._same_host(parts.netloc):
            shown, folder = path, self.page.root
        else:
            shown = url
            folder = os.path.join(self.page.mirror, parts.netloc) if self.page.mirror else None
        if folder is None:
            return shown, None
        for candidate in dict.fromkeys([path, unquote(path), parts.path, unquote(parts.path)]):
            file = os.path.join(folder, candidate.lstrip("/"))
            if not self.page.holds(file):
                # "%2e%2e/", a host named "..", or a symbolic link: never read outside the folder.
                if shown not in self.outside_photos:
                    self.outside_photos.add(shown)
                    self.warnings.append(f"photo {shown} lies outside the saved folder; it was not read")
                continue
            if os.path.isfile(file):
                return shown, file
        return shown, None

    # -- what kind of page ---------------------------------------------------------------

    def kind(self) -> tuple[str | None, str]:
        """What the page is when that is sure before reading it (else None); a hint the address
        gives is kept in ``self.hint`` for a page that turns out to hold no article."""
        body = self.doc.find("body")
        body_class = f" {body.get('class', '')} " if body is not None else " "
        onload = (body.get("onload") or "") if body is not None else ""
        if "print()" in onload or re.search(r"<script[^>]*>\s*window\.print\(\)", self.source):
            return "print", "the page prints itself"
        url_kind, sure = _kind_from_url(self.page.url)
        self.hint = None if sure else url_kind
        url_kind = url_kind if sure else None
        wp = {
            "paged": "pagination", "search": "search", "search-results": "search", "tag": "tag",
            "category": "category", "date": "archive", "author": "archive", "archive": "archive",
            "home": "home", "blog": "home",
        }  # fmt: skip
        for token, kind in wp.items():
            if f" {token} " in body_class and " single " not in body_class:
                return kind, f"WordPress {token} page"
        if url_kind:
            return url_kind, "address"
        joomla_list = self.doc.xpath(
            '//*[contains(concat(" ", normalize-space(@class), " "), " blog ") or '
            'contains(@class, "category-list") or contains(@class, "blog-featured")]'
        )
        if joomla_list and not self.doc.xpath('//*[contains(@class, "item-page")]'):
            return "category", "Joomla category layout"
        return None, ""

    # -- site-wide parts: headline, breadcrumb, category ----------------------------------

    def html_title(self) -> str:
        el = self.doc.find(".//title")
        return _clean(el.text_content()) if el is not None else ""

    def meta(self, *names: str) -> str:
        for name in names:
            for el in self.doc.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
                if el.get("content"):
                    return _clean(el.get("content"))
        return ""

    def title_segments(self) -> list[str]:
        """The parts of <title> and og:title that are not the site's name."""
        names = {_fold(n) for n in self.options.site_names.get(self.page.host, set())}
        site = self.meta("og:site_name")
        if site:
            names.add(_fold(site))
        segments = []
        for source in (self.meta("og:title"), self.html_title()):
            if not source:
                continue
            parts = _TITLE_SEPARATORS_RE.split(source)
            kept = [p for p in parts if _fold(p) not in names and p.strip()]
            if len(parts) > 1 and len(kept) == len(parts) and not names:
                kept = parts
            joined = " - ".join(kept).strip()
            for value in (source, joined):
                if value and value not in segments:
                    segments.append(value)
        return segments

    def find_title(self):
        """The headline element: a heading the <title> or og:title names; else None."""
        segments = [_fold(s) for s in self.title_segments()]
        names = {_fold(n) for n in self.options.site_names.get(self.page.host, set())}
        best, best_score = None, 0
        candidates = list(self.doc.iter("h1", "h2", "h3", "h4"))
        candidates += [
            el
            for el in self.doc.iter()
            if isinstance(el.tag, str)
            and el.tag not in {"html", "body", "title", "meta"}
            and _TITLE_CLASS_RE.search(_attrs(el))
        ]
        seen = set()
        for order, el in enumerate(candidates):
            if id(el) in seen:
                continue
            seen.add(id(el))
            text = _text(el)
            if not 4 <= len(text) <= 300 or len(text.split()) > 60 or _in_chrome(el) or _hidden(el):
                continue
            folded = _fold(text)
            if folded in names:
                continue
            score = 0
            if folded in segments:
                score = 100
            elif any(folded and folded in segment for segment in segments):
                score = 60
            if score == 0:
                continue
            score += {"h1": 20, "h2": 15, "h3": 10, "h4": 5}.get(el.tag, 0)
            score += 10 if _TITLE_CLASS_RE.search(_attrs(el)) else 0
            score -= order * 0.01
            if el.xpath(".//p|.//div|.//table"):
                score -= 30  # a container that holds more than the headline
            if score > best_score:
                best, best_score = el, score
        return best

    def breadcrumb_category(self, title: str) -> str | None:
        crumbs: list[str] = []
        for el in self.doc.iter():
            if not isinstance(el.tag, str):
                continue
            label = (el.get("aria-label") or "").lower()
            if (
                _BREADCRUMB_CLASS_RE.search(_attrs(el))
                or "breadcrumb" in label
                or "BreadcrumbList" in (el.get("itemtype") or "")
            ):
                items = [
                    _text(a) for a in el.iter("a", "span", "li", "strong") if _text(a) and not a.xpath(".//a")
                ]
                if not items:
                    items = [p.strip() for p in re.split(r"\s*(?:>>?|»|›|→|/|\|)\s*", _text(el)) if p.strip()]
                crumbs = items
                break
        crumbs = [c.strip(" >»›|:") for c in crumbs]
        crumbs = [
            c for c in crumbs if c and _fold(c) not in {_fold(h) for h in _HOME_CRUMBS} and len(c) <= 80
        ]
        crumbs = list(dict.fromkeys(crumbs))
        if crumbs and title and _fold(crumbs[-1]) in (_fold(title), ""):
            crumbs.pop()
        if crumbs and title and _fold(title).startswith(_fold(crumbs[-1])) and len(crumbs[-1]) > 40:
            crumbs.pop()
        return crumbs[-1] if crumbs else None

    def category_link(self) -> str | None:
        for el in self.doc.xpath('//a[contains(concat(" ", @rel, " "), " category ")]'):
            if _text(el):
                return _text(el)
        for el in self.doc.iter():
            if isinstance(el.tag, str) and _CATEGORY_CLASS_RE.search(_attrs(el)):
                link = next((a for a in el.iter("a") if _text(a)), None)
                text = _text(link) if link is not None else re.sub(r"^[^:]{0,20}:\s*", "", _text(el))
                if text and len(text) <= 80:
                    return text
        return None

    # -- chrome removal ------------------------------------------------------------------

    def strip_chrome(self, keep) -> None:
        protected = set(keep.iterancestors()) | {keep} if keep is not None else set()
        for el in list(self.doc.iter()):
            if not isinstance(el.tag, str):
                if el.getparent() is not None:  # comments, processing instructions
                    el.drop_tree()
                continue
            if el in protected or el.tag in {"html", "body"}:
                continue
            drop = el.tag in _DROP_TAGS or _hidden(el)
            if not drop and el.tag in {"nav", "aside", "footer", "form", "header"}:
                drop = keep is None or not any(d is keep for d in el.iter())
                if el.tag == "form" and keep is None:
                    drop = False  # ASP.NET pages put the whole page in one form
            if not drop and _is_chrome(el):
                drop = True
            if drop and el.getparent() is not None:
                el.drop_tree()

    # -- the article's container -----------------------------------------------------------

    def container(self, title):
        """The element that holds the article: the lowest one around the headline with at least
        two paragraphs of text, widened over wrappers that add little (a date line, a byline)
        but never over a neighbouring column or list that adds much."""
        body = self.doc.find("body")
        if body is None:
            return self.doc
        if title is None:
            return body
        element = title
        while element is not body and _substance(element) < 2:
            element = element.getparent()
        while element is not body:
            parent = element.getparent()
            if len(_text(parent)) > 1.25 * len(_text(element)):
                break
            element = parent
        return element

    # -- blocks --------------------------------------------------------------------------

    def blocks(self, root, title, title_text: str | None = None) -> tuple[list[_Block], int | None]:
        """The page's blocks in reading order, and the position of the headline among them.
        With `title_text`, `title` is the element the headline's text came from."""
        if title is not None and title_text is not None and len(_text(title)) > len(title_text) + 20:
            title = None  # the headline shares its element with other lines: find it by its text
        self._blocks: list[_Block] = []
        self._title = title
        self._title_at: int | None = None
        self._walk(root)
        blocks, title_at = self._blocks, self._title_at
        if title_at is None and title_text is not None:
            title_at = next((n for n, b in enumerate(blocks) if b.text == title_text), None)
        merged: list[_Block] = []
        for block in blocks:
            previous = merged[-1] if merged else None
            if (
                block.kind == "text"
                and block.caption_like
                and len(block.text) <= 300
                and previous is not None
                and previous.kind == "figure"
                and not previous.image.caption
            ):
                # A caption written as its own paragraph under the photo (italic, centred or with a
                # caption class), the commonest way on Vietnamese committee sites.
                previous.image.caption = block.text
                block.kind = "merged"
            merged.append(block)
        if title_at is not None:
            title_at -= sum(1 for b in merged[:title_at] if b.kind == "merged")
        return [b for b in merged if b.kind != "merged"], title_at

    def _emit(self, block: _Block) -> None:
        self._blocks.append(block)

    def _walk(self, el) -> None:
        if not isinstance(el.tag, str):
            return
        if el is self._title:
            self._title_at = len(self._blocks)
            self._emit(_Block("heading", _text(el), escape(_text(el)), id(el), "h1", source=el))
            return
        if self._figure(el):
            return
        if el.tag == "table" and self._data_table(el):
            return
        if el.tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and not el.xpath(".//img|.//table|.//p|.//div"):
            text = _text(el)
            if text:
                level = {"h1": "h2", "h2": "h2", "h3": "h3"}.get(el.tag, "h4")
                self._emit(_Block("heading", text, self._inline_html(el), id(el), level, source=el))
            return
        if el.tag in {"ul", "ol"}:
            for item in el:
                if isinstance(item.tag, str) and item.tag == "li":
                    self._walk_run(item, kind="li", group=id(el), tag=el.tag)
            return
        if el.tag == "img":
            self._image_blocks([el], "")
            return
        if not self._blockish_inside(el):
            self._walk_run(el)
            return
        run: list = []
        if el.text and el.text.strip():
            run.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and (child.tag in _BLOCK_TAGS or self._blockish_inside(child)):
                self._flush(run, el)
                run = []
                self._walk(child)
                if child.tail and child.tail.strip():
                    run.append(child.tail)
            else:
                run.append(child)
                if isinstance(child.tag, str) and child.tail:
                    run.append(child.tail)
        self._flush(run, el)

    def _blockish_inside(self, el) -> bool:
        """Whether `el` holds blocks (or the headline), so that it is walked rather than read as one run."""
        return (
            any(
                d is self._title or (isinstance(d.tag, str) and d.tag in _BLOCK_TAGS)
                for d in el.iterdescendants()
            )
            or el is self._title
        )

    def _walk_run(self, el, kind: str = "text", group: int | None = None, tag: str = "p") -> None:
        run: list = []
        if el.text:
            run.append(el.text)
        for child in el:
            run.append(child)
            if child.tail:
                run.append(child.tail)
        self._flush(run, el, kind=kind, group=group, tag=tag)

    def _flush(self, run: list, source, kind: str = "text", group: int | None = None, tag: str = "p") -> None:
        """Turn a run of inline content into blocks: one per line (split at <br>), photos in place."""
        if not run:
            return
        self._images: list = []
        html_parts = []
        for node in run:
            if isinstance(node, str):
                html_parts.append(escape(node))
            elif isinstance(node.tag, str):
                html_parts.append("<br>" if node.tag == "br" else self._inline_html(node, marked=True))
        group = group if group is not None else id(source)
        images = self._images
        caption_source = self._caption_like(source, run)
        bold = self._all_bold(run)
        lines = []
        paragraph, previous = 0, ""
        for line in re.split(r"<br\s*/?>", "".join(html_parts)):
            if not re.sub(r"\x00\d+\x00", "", line).strip() and "\x00" not in line:
                paragraph += 1  # an empty line (<br><br>) ends a paragraph
                continue
            if len(previous) >= 120 and previous[-1] in ".;!?…":
                paragraph += 1  # so does a long sentence: old editors pressed Shift+Enter
            markers = [int(n) for n in re.findall(r"\x00(\d+)\x00", line)]
            html = re.sub(r"\x00\d+\x00", "", line)
            text = (
                _clean(lxml.html.fragment_fromstring(html, create_parent="div").text_content())
                if html.strip()
                else ""
            )
            content = [images[n] for n in markers if self._content_image(images[n])]
            if text or content:
                lines.append((html, text, content, line.lstrip().startswith("\x00"), paragraph))
                previous = text
        single = len(lines) == 1
        for html, text, content, image_first, paragraph in lines:
            wrapped = bool(re.fullmatch(r"\s*<em>.*</em>\s*", html, re.S))
            caption_like = wrapped or (caption_source and len(text) <= 300)
            if (
                content
                and text
                and len(content) == 1
                and kind == "text"
                and len(text) <= 300
                and (caption_like or (single and text[-1] not in ".;:!?…"))
            ):
                self._image_blocks(content, text)  # a photo and its caption in one paragraph
                continue
            if content and image_first:
                self._image_blocks(content, "")
            if text:
                self._emit(
                    _Block(
                        kind,
                        text,
                        _tidy_fragment(html),
                        (group, paragraph),
                        tag,
                        caption_like=caption_like,
                        bold=bold,
                        source=source,
                    )
                )
            if content and not image_first:
                self._image_blocks(content, "")

    # -- inline markup -------------------------------------------------------------------

    _INLINE_KEEP = {
        "strong": "strong",
        "b": "strong",
        "em": "em",
        "i": "em",
        "u": "u",
        "sub": "sub",
        "sup": "sup",
        "a": "a",
        "br": "br",
    }

    def _inline_html(self, el, with_tail: bool = False, marked: bool = False) -> str:
        """`el` with its inline markup (bold, italic, links, line breaks) and nothing else; with
        `marked`, photos leave a marker (their index in ``self._images``) where they stood."""
        parts: list[str] = []

        def visit(node, tail: bool) -> None:
            if not isinstance(node.tag, str):
                if tail and node.tail:
                    parts.append(escape(node.tail))
                return
            keep = self._INLINE_KEEP.get(node.tag)
            if node.tag == "img":
                if marked:
                    parts.append(f"\x00{len(self._images)}\x00")
                    self._images.append(node)
            elif keep == "br":
                parts.append("<br>")
            else:
                opening = ""
                if keep == "a":
                    href = (node.get("href") or "").strip()
                    if href and not href.lower().startswith(("javascript:", "#")):
                        opening = f'<a href="{escape(self._link(href))}">'
                elif keep:
                    opening = f"<{keep}>"
                parts.append(opening)
                if node.text:
                    parts.append(escape(node.text))
                for child in node:
                    visit(child, True)
                if opening:
                    parts.append(f"</{keep}>")
            if tail and node.tail:
                parts.append(escape(node.tail))

        if (el.tag in self._INLINE_KEEP and el.tag != "br") or el.tag == "img":
            visit(el, with_tail)
        else:
            if el.text:
                parts.append(escape(el.text))
            for child in el:
                visit(child, True)
            if with_tail and el.tail:
                parts.append(escape(el.tail))
        return "".join(parts)

    def _link(self, href: str) -> str:
        """Links to the old site become site paths (the old paths answer 301 once imported)."""
        parts = urlsplit(urljoin(self.base, href))
        if parts.scheme in {"http", "https"} and self._same_host(parts.netloc):
            return (parts.path or "/") + ("?" + parts.query if parts.query else "")
        return href

    # -- photos and captions -------------------------------------------------------------

    def _content_image(self, img) -> bool:
        src = self._image_src(img)
        if not src or src.startswith("data:"):
            return False
        if _ICON_SRC_RE.search(src.rsplit("/", 1)[-1]) and not re.search(r"\d{3,}", src.rsplit("/", 1)[-1]):
            return False
        for attr in ("width", "height"):
            value = (img.get(attr) or "").strip().lower().removesuffix("px")
            if value.isdigit() and int(value) < 60:
                return False
        return True

    @staticmethod
    def _image_src(img) -> str:
        src = (img.get("src") or "").strip()
        for lazy in ("data-src", "data-lazy-src", "data-original", "data-lazyload"):
            if img.get(lazy) and (not src or src.startswith("data:") or _ICON_SRC_RE.search(src)):
                return img.get(lazy).strip()
        return src

    def _image_blocks(self, images, caption: str) -> None:
        for position, img in enumerate(images):
            if not self._content_image(img):
                continue
            src, file = self.resolve_src(self._image_src(img))
            text = caption if position == len(images) - 1 else ""
            if not text and "caption" in (img.get("class") or "").lower() and img.get("title"):
                text = _clean(img.get("title"))  # Joomla's caption.js reads the title
            alt = _clean(img.get("alt") or "")
            if re.search(r"\.(?:jpe?g|png|gif|webp)$", alt, re.I) or len(alt.split()) < 2:
                alt = ""
            image = PageImage(src=src, caption=text or None, file=file, alt=alt)
            self._emit(_Block("figure", image=image, group=id(img)))

    def _figure(self, el) -> bool:
        """Photos with their captions, in each old CMS's way of writing them."""
        if el.tag == "figure" or "wp-caption" in (el.get("class") or ""):
            images = [img for img in el.iter("img") if self._content_image(img)]
            if not images:
                return False
            caption_el = next(
                (
                    c
                    for c in el.iter()
                    if isinstance(c.tag, str)
                    and (c.tag == "figcaption" or "wp-caption-text" in (c.get("class") or ""))
                ),
                None,
            )
            self._image_blocks(images, _text(caption_el) if caption_el is not None else "")
            return True
        if el.tag not in {"table", "div", "p", "center", "span", "td", "dl"} or el is self._root_el:
            return False
        images = [img for img in el.iter("img") if self._content_image(img)]
        if len(images) != 1 or any(t is self._title for t in el.iter()):
            return False
        text = _text(el)
        if len(text) > 300 or len(el.xpath(".//p|.//div|.//tr|.//li")) > 4:
            return False
        if (
            el.tag in {"div", "p", "span", "center", "td"}
            and text
            and not (
                el.tag in {"table", "center", "dl"}
                or _CAPTION_CLASS_RE.search(" ".join(_attrs(d) for d in el.iter() if isinstance(d.tag, str)))
                or re.search(r"image|photo|picture|img|hinh|anh", _attrs(el), re.I)
                or self._centered(el)
            )
        ):
            return False
        if not text and el.tag != "table":
            return False
        self._image_blocks(images, text)
        return True

    @staticmethod
    def _centered(el) -> bool:
        for node in [el, *el.iterancestors()][:3]:
            if (
                (node.get("align") or "").lower() == "center"
                or "text-align:center" in (node.get("style") or "").replace(" ", "").lower()
                or node.tag == "center"
            ):
                return True
        return False

    def _caption_like(self, source, run) -> bool:
        if _CAPTION_CLASS_RE.search(_attrs(source)) or self._centered(source):
            return True
        elements = [n for n in run if not isinstance(n, str) and isinstance(n.tag, str)]
        loose = "".join(n for n in run if isinstance(n, str)).strip()
        return (
            bool(elements)
            and not loose
            and all(
                n.tag in {"em", "i"} or n.xpath(".//em|.//i") and _text(n) == _text(n.xpath(".//em|.//i")[0])
                for n in elements
                if n.tag != "br"
            )
        )

    @staticmethod
    def _all_bold(run) -> bool:
        elements = [n for n in run if not isinstance(n, str) and isinstance(n.tag, str) and n.tag != "br"]
        loose = "".join(n for n in run if isinstance(n, str)).strip()
        return (
            bool(elements)
            and not loose
            and all(
                n.tag in {"strong", "b"}
                or (n.xpath(".//strong|.//b") and _text(n) == _text(n.xpath(".//strong|.//b")[0]))
                for n in elements
            )
        )

    def _data_table(self, el) -> bool:
        rows = list(el.iter("tr"))
        if len(rows) < 2 or el.xpath(".//table|.//img"):
            return False
        widths = [len([c for c in r if isinstance(c.tag, str) and c.tag in {"td", "th"}]) for r in rows]
        if max(widths) < 2 or any(len(_text(c)) > 300 for c in el.iter("td", "th")):
            return False
        html = ["<table>"]
        for row in rows:
            html.append("<tr>")
            for cell in row:
                if not isinstance(cell.tag, str) or cell.tag not in {"td", "th"}:
                    continue
                span = "".join(
                    f' {a}="{cell.get(a)}"' for a in ("colspan", "rowspan") if (cell.get(a) or "").isdigit()
                )
                html.append(f"<{cell.tag}{span}>{_tidy_fragment(self._inline_html(cell))}</{cell.tag}>")
            html.append("</tr>")
        html.append("</table>")
        self._emit(_Block("table", _text(el), "".join(html), id(el)))
        return True

    # -- putting it together -------------------------------------------------------------

    def read(self) -> SiteArticle | SkippedPage:
        kind, why = self.kind()
        if kind:
            return SkippedPage(self.page.file, self.page.url, kind, why)
        title_el = self.find_title()
        heading = _text(title_el) if title_el is not None else ""
        category = self.breadcrumb_category(heading) or self.category_link()
        canonical = self.canonical_paths()
        self._meta_published = self.meta(
            "article:published_time", "datePublished", "pubdate", "publishdate", "DC.date.issued"
        )
        head = self.doc.find("head")
        head_html = lxml.html.tostring(head, encoding="unicode") if head is not None else ""
        self.strip_chrome(title_el)
        root = self.container(title_el)
        self._root_el = root
        blocks, title_at = self.blocks(root, title_el)
        if title_el is None:
            # No heading the <title> names: the text rules find the headline (the line above the
            # date); the article's container is then looked for around it.
            lines = [b for b in blocks if b.kind in {"text", "li", "heading"}]
            found = analyse_lines([b.text for b in lines])
            if self._looks_like_list(lines[found.title_index or 0 :]):
                return SkippedPage(
                    self.page.file, self.page.url, "category", "a list of links to other items"
                )
            if found.title_index is not None and lines[found.title_index].source is not None:
                title_el = lines[found.title_index].source
                root = self.container(title_el)
                self._root_el = root
                blocks, title_at = self.blocks(root, title_el, title_text=lines[found.title_index].text)
        article = self.assemble(blocks, title_at, category, canonical)
        if isinstance(article, SkippedPage) and self.hint and article.reason in {"other", "category"}:
            return SkippedPage(self.page.file, self.page.url, self.hint, "address, and no article text")
        if isinstance(article, SiteArticle):
            prose = sum(len(p) for p in article.paragraphs if len(p) >= 80)
            if self.hint and prose < 200:
                return SkippedPage(self.page.file, self.page.url, self.hint, "address, and no article text")
            self.complete_date(article, head_html, root, blocks, title_at)
        return article

    def complete_date(self, article: SiteArticle, head_html: str, root, blocks, title_at) -> None:
        """After the Vietnamese rules: the time from the markup when the page printed only the
        day; the markup's date, then htmldate's, when the page printed none."""
        markup = self.markup_date(root)
        found = article.published_at
        if found is not None:
            if markup is not None and markup.date() == found.date() and (found.hour, found.minute) == (0, 0):
                article.published_at = markup
            return
        if markup is not None:
            article.published_at, article.date_source = markup, "markup"
            return
        article.published_at = self.htmldate_date(head_html, root, blocks, title_at)
        if article.published_at is not None:
            article.date_source = "htmldate"
        else:
            article.warnings.append(
                "no publish date found (a page-header date above the title is the day it was saved)"
            )

    def markup_date(self, root) -> datetime | None:
        """A publish time the page states in machine-readable markup (Open Graph, schema.org
        microdata, <time datetime>): with its time of day, which htmldate does not give."""
        values = [self._meta_published]
        values += [
            el.get("datetime") or el.get("content") or ""
            for el in root.xpath(
                './/*[@itemprop="datePublished"]|.//time[@pubdate]|.//time[contains(@class, "published")]'
                '|.//time[contains(@class, "entry-date")]'
            )
        ]
        for value in values:
            try:
                parsed = datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            return (parsed if parsed.tzinfo else parsed.replace(tzinfo=VN_TZ)).astimezone(VN_TZ)
        return None

    def htmldate_date(self, head_html: str, root, blocks, title_at) -> datetime | None:
        """A publish date the page states only in its markup or address (Open Graph, schema.org
        and JSON-LD, <time>, a dated permalink), read by htmldate from the <head> and the article
        alone: the page header, where the day the page was saved is printed, is left out, and a
        date that is also printed above the headline is refused for the same reason."""
        if not self.options.use_htmldate:
            return None
        from htmldate import find_date

        html = f"<html>{head_html}<body>{lxml.html.tostring(root, encoding='unicode')}</body></html>"
        try:
            value = find_date(
                html,
                extensive_search=False,
                original_date=True,
                url=f"http://{self.page.host or 'old-site.invalid'}{self.page.url or '/'}",
                outputformat="%Y-%m-%dT%H:%M:%S%z",
            )
        except Exception:  # noqa: BLE001 - a library failure only loses a hint
            return None
        if not value:
            return None
        parsed = datetime.fromisoformat(value)
        parsed = parsed.astimezone(VN_TZ) if parsed.tzinfo else parsed.replace(tzinfo=VN_TZ)
        above = blocks[: title_at if title_at is not None else 0]
        header_days = {found.date() for b in above if b.text and (found := parse_datetime_vi(b.text))}
        return None if parsed.date() in header_days else parsed

    def assemble(self, blocks, title_at, category, canonical) -> SiteArticle | SkippedPage:
        texts = [(i, b) for i, b in enumerate(blocks) if b.kind in {"text", "li", "heading"}]
        lines = [b.text for _i, b in texts]
        position = {i: n for n, (i, _b) in enumerate(texts)}
        if title_at is not None:
            start = position[title_at]
            found = analyse_lines(lines[start:], known_title=True)
            offset = start
        else:
            found = analyse_lines(lines)
            offset = 0
        found_title = found.title
        title_line = found.title_index + offset if found.title_index is not None else None
        kept = {texts[n + offset][0] for n in found.body}
        body_positions = sorted(kept)
        cut_candidates = [texts[n + offset][0] for n in found.byline_lines]
        end_line = found.end + offset
        cut = min(cut_candidates + ([texts[end_line][0]] if end_line < len(texts) else [len(blocks)]))
        first = (
            texts[title_line][0] + 1
            if title_line is not None
            else (body_positions[0] if body_positions else 0)
        )
        end_block = texts[end_line][0] if end_line < len(texts) else len(blocks)
        region = blocks[texts[title_line][0] if title_line is not None else 0 : end_block]
        if self._looks_like_list(region):
            return SkippedPage(self.page.file, self.page.url, "category", "a list of links to other items")
        if not body_positions:
            return SkippedPage(self.page.file, self.page.url, "other", "no article text")
        body = [
            b
            for i, b in enumerate(blocks)
            if (i in kept) or (b.kind in {"figure", "table"} and first <= i < cut)
        ]
        warnings = [w for w in found.warnings if not w.startswith("no publish date")]
        summary = self.summary(body)
        published_at, date_source = found.published_at, "text" if found.published_at else None
        title = found_title if title_at is not None or title_line is not None else ""
        if not title:
            fallback = self.title_from_html_title()
            if fallback:
                title = fallback
                warnings.append("headline taken from the page's <title>, without the site name")
        if not title and not any("headline" in w for w in warnings):
            warnings.append("no headline found")
        images = [b.image for b in body if b.kind == "figure" and b.image]
        for image in images:
            if image.file is None and image.src not in self.outside_photos:
                warnings.append(f"photo missing from the saved folder: {image.src}")
        paragraphs = [b.text for b in body if b.kind in {"text", "li", "heading"}]
        article = SiteArticle(
            file=self.page.file,
            host=self.page.host,
            url=self.page.url or (canonical[0] if canonical else None),
            title=title,
            published_at=published_at,
            view_count=found.view_count,
            byline=found.byline,
            paragraphs=paragraphs,
            warnings=self.warnings + warnings,
            category=category,
            summary=summary,
            images=images,
            body_html=render_blocks(body),
            alternates=[p for p in [*self.page.alternates, *canonical] if p != self.page.url],
            date_source=date_source,
        )
        if not article.url:
            article.warnings.append("old address unknown (no wget folder and no canonical link): no redirect")
        return article

    def title_from_html_title(self) -> str:
        names = self.options.site_names.get(self.page.host, set())
        title = self.html_title()
        if not names or not title:
            return ""
        parts = _TITLE_SEPARATORS_RE.split(title)
        kept = [p for p in parts if _fold(p) not in {_fold(n) for n in names}]
        return " - ".join(kept) if kept and len(kept) < len(parts) else ""

    def summary(self, body: list[_Block]) -> str:
        """The sapo: an element the CMS marked as the summary, or a bold opening paragraph."""
        for el in self.doc.iter():
            if (
                isinstance(el.tag, str)
                and el.tag not in {"body", "html", "meta"}
                and _SUMMARY_CLASS_RE.search(_attrs(el))
                and not any(d is self._title for d in el.iter())
            ):
                text = _text(el)
                if 40 <= len(text) <= 1000:
                    for block in list(body):
                        if block.kind == "text" and block.text and block.text in text:
                            body.remove(block)
                    return text
        first = next((b for b in body if b.kind in {"text", "li"}), None)
        if first is not None and first.bold and first.kind == "text" and 60 <= len(first.text) <= 600:
            body.remove(first)
            return first.text
        return ""

    @staticmethod
    def _looks_like_list(blocks: list[_Block]) -> bool:
        """Headlines linking to other items, or "read more" links: a list page, not an article."""
        texts = [b for b in blocks if b.kind in {"text", "li", "heading"}]
        headlines = sum(1 for b in texts if _is_headline_link(b))
        prose = sum(1 for b in texts if len(b.text) >= 200 and not _is_headline_link(b))
        more = sum(1 for b in texts if _fold(b.text).strip(" .»>…") in _READ_MORE)
        return (headlines >= 3 and prose <= 1) or more >= 2


def _substance(element) -> int:
    """Paragraphs of running text inside `element` (a long one counts twice), headings aside."""
    count = 0
    for node in element.iter():
        if not isinstance(node.tag, str) or node.tag in {"h1", "h2", "h3", "h4", "h5", "h6", "a"}:
            continue
        if node.tag not in _BLOCK_TAGS or any(
            isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in node.iterdescendants()
        ):
            continue
        length = len(_text(node))
        count += 2 if length >= 400 else 1 if length >= 80 else 0
    return count


def _is_headline_link(block: _Block) -> bool:
    """A block that is a link to another item: a headline of four words or more, linked."""
    if "<a " not in block.html or len(block.text.split()) < 4:
        return False
    fragment = lxml.html.fragment_fromstring(block.html, create_parent="div")
    linked = sum(len(_text(a)) for a in fragment.iter("a"))
    return linked >= 0.6 * len(block.text)


def _tidy_fragment(html: str) -> str:
    """Close tags a split at <br> left open, and drop empty formatting."""
    try:
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    except etree.ParserError:
        return escape(html)
    inner = (escape(fragment.text) if fragment.text else "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in fragment
    )
    inner = re.sub(r"<(strong|em|u|sub|sup)>\s*</\1>", " ", inner)
    return _SPACE_RE.sub(" ", inner).strip()


def render_blocks(blocks: list[_Block]) -> str:
    """The body as rich text: paragraphs (lines split at <br> joined back), lists, headings,
    tables and photos as <figure class="figure"><img><figcaption>. Photos keep their old src."""
    out: list[str] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "figure":
            image = block.image
            alt = escape(image.caption or image.alt or "", quote=True)
            caption = f"<figcaption>{escape(image.caption)}</figcaption>" if image.caption else ""
            out.append(
                f'<figure class="figure"><img src="{escape(image.src, quote=True)}" alt="{alt}">{caption}</figure>'
            )
            index += 1
            continue
        if block.kind == "table":
            out.append(block.html)
            index += 1
            continue
        run = [block]
        while index + len(run) < len(blocks):
            following = blocks[index + len(run)]
            if following.kind != block.kind or following.group != block.group or following.tag != block.tag:
                break
            run.append(following)
        index += len(run)
        if block.kind == "li":
            items = "".join(f"<li>{b.html}</li>" for b in run)
            out.append(f"<{block.tag}>{items}</{block.tag}>")
        elif block.kind == "heading":
            out.append(f"<{block.tag}>{escape(' '.join(b.text for b in run))}</{block.tag}>")
        else:
            out.append("<p>" + "<br>".join(b.html for b in run) + "</p>")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Whole pages and sites
# --------------------------------------------------------------------------------------------


def read_page(page: SitePage, options: SiteOptions | None = None) -> SiteArticle | SkippedPage | FailedPage:
    """Read one saved page; never raises (problems become a FailedPage with the reason)."""
    options = options or SiteOptions()
    if not page.holds(page.file):
        return FailedPage(
            page.file, page.url, "the file lies outside the saved folder (a symbolic link); not read"
        )
    try:
        size = os.stat(page.file).st_size
        if size > MAX_PAGE_BYTES:
            return FailedPage(
                page.file,
                page.url,
                f"the page is larger than {MAX_PAGE_BYTES / 1_000_000:g} MB ({size / 1_000_000:.1f} MB); not read",
            )
        data = Path(page.file).read_bytes()
    except FileNotFoundError:
        return FailedPage(page.file, page.url, "file not found")
    except OSError as exc:
        return FailedPage(page.file, page.url, exc.strerror or str(exc))
    if not data.strip():
        return FailedPage(page.file, page.url, "file is empty")
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return FailedPage(page.file, page.url, "file looks binary, not an HTML page")
    text, _codec_name, decode_warnings = decode_html(data)
    if text.count("\ufffd") > max(20, len(text) // 50):
        return FailedPage(page.file, page.url, "text cannot be decoded (too many invalid characters)")
    if not (_HTML_START_RE.match(text.lstrip("\ufeff")) or _HTML_TAG_RE.search(text[:65536])):
        return FailedPage(page.file, page.url, "not an HTML page (it does not start with a tag)")
    try:
        reader = _PageReader(page, text, options)
        reader.warnings.extend(decode_warnings)
        result = reader.read()
    except (etree.ParserError, ValueError) as exc:
        return FailedPage(page.file, page.url, f"cannot parse the HTML: {exc}")
    except Exception as exc:  # noqa: BLE001 - the importer must report, never crash
        return FailedPage(
            page.file, page.url, f"cannot read the page: unexpected {type(exc).__name__}: {exc}"
        )
    if isinstance(result, SiteArticle) and not result.paragraphs:
        return FailedPage(page.file, page.url, "no article text")
    return result


_TITLE_TAG_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def site_names(pages: list[SitePage]) -> dict[str | None, set[str]]:
    """Per host, the parts of <title> that most pages share: the site's name, never a headline."""
    counts: dict[str | None, Counter] = {}
    totals: Counter = Counter()
    for page in pages:
        if not page.holds(page.file):
            continue
        try:
            with open(page.file, "rb") as handle:
                head = handle.read(16384)
        except OSError:
            continue
        match = _TITLE_TAG_RE.search(head)
        if not match:
            continue
        text, _name, _w = decode_html(head)
        found = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        title = _clean(lxml.html.fromstring(f"<div>{found.group(1)}</div>").text_content()) if found else ""
        totals[page.host] += 1
        for part in set(_TITLE_SEPARATORS_RE.split(title)):
            if part.strip():
                counts.setdefault(page.host, Counter())[part.strip()] += 1
    names: dict[str | None, set[str]] = {}
    for host, counter in counts.items():
        threshold = max(3, 0.2 * totals[host])
        names[host] = {part for part, count in counter.items() if count >= threshold}
    return names


def read_site(paths: list[str], options: SiteOptions | None = None):
    """Yield (page, result) for every page under `paths`, in old-path order, after the problems
    with the given paths themselves as (None, FailedPage)."""
    options = options or SiteOptions()
    pages, problems = discover(paths)
    for path, reason in problems:
        yield None, FailedPage(path, None, reason)
    if not options.site_names:
        options.site_names = site_names(pages)
    for page in pages:
        yield page, read_page(page, options)
