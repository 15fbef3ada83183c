"""Parse news articles saved as plain text from legacy Vietnamese front-committee websites.

The ``import_articles`` management command feeds files through :func:`parse_file`; everything
here is pure Python (no Django imports), so it can be used and tested without settings.

A saved page typically looks like this (every part optional)::

    <menus, breadcrumbs, a header/crawl date such as "Thứ năm, 09/05/2024">
    <title>
    <publish date/time, view count, author>      e.g. "23/07/2019 - 03:27 PM", "Đã xem: 8"
    <body paragraphs and photo captions>
    <byline or source line>                      e.g. "Dương Thị Phương – Thanh Bình", "Nguồn: ..."
    <page chrome: ratings, comment form, captcha, "Các tin tức khác", visitor counters, polls...>

The parser normalises the text (NFC, LF newlines, no BOM, collapsed whitespace), locates the
title and the publish date in the header, takes the body up to the first chrome section and
detects a trailing byline.  Anything doubtful is reported in ``ParsedArticle.warnings``.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "VN_TZ",
    "LegacyImportError",
    "LineAnalysis",
    "ParsedArticle",
    "analyse_lines",
    "decode_text",
    "parse_datetime_vi",
    "parse_file",
    "parse_text",
]


def _load_vn_tz() -> tzinfo:
    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except (ZoneInfoNotFoundError, ValueError):  # pragma: no cover - no tz database available
        return timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


VN_TZ: tzinfo = _load_vn_tz()


class LegacyImportError(ValueError):
    """Raised when a legacy file cannot be turned into text (empty, binary, not UTF-8)."""


@dataclass
class ParsedArticle:
    """One article recovered from a legacy text file."""

    file: str
    title: str
    published_at: datetime | None
    view_count: int | None
    byline: str | None
    paragraphs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_json_dict(self) -> dict[str, Any]:
        """Return the dry-run JSON object for this article."""
        return {
            "file": self.file,
            "title": self.title,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "view_count": self.view_count,
            "byline": self.byline,
            "paragraphs": list(self.paragraphs),
            "warnings": list(self.warnings),
        }


# --------------------------------------------------------------------------------------------
# Text decoding and normalisation
# --------------------------------------------------------------------------------------------

_LINE_BREAKS_RE = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INLINE_SPACE_RE = re.compile(r"[^\S\n]+")


def _normalize_text(text: str) -> str:
    """NFC, LF newlines, no BOM."""
    text = _LINE_BREAKS_RE.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    return text.lstrip("\ufeff")


def _clean_line(line: str) -> str:
    """Drop invisible characters, turn NBSP/tabs into spaces, collapse and trim whitespace."""
    return _INLINE_SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", line)).strip()


def decode_text(data: bytes) -> str:
    """Decode a legacy file's bytes as UTF-8 and normalise the text.

    Strips a UTF-8 BOM, decodes strictly, converts CRLF/CR to LF and normalises to NFC.
    Raises :class:`LegacyImportError` for empty, binary or non-UTF-8 input.
    """
    if not data:
        raise LegacyImportError("file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise LegacyImportError("file is UTF-16 encoded; expected UTF-8 text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data:
        raise LegacyImportError("file looks binary (contains NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise LegacyImportError(
            f"file is not valid UTF-8 text (invalid byte 0x{byte:02x} at offset {exc.start})"
        ) from exc
    text = _normalize_text(text)
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t")
    if controls > max(2, len(text) // 100):
        raise LegacyImportError("file looks binary (contains control characters); expected text")
    if not text.strip():
        raise LegacyImportError("file is empty (no text content)")
    return text


# --------------------------------------------------------------------------------------------
# Dates and times
# --------------------------------------------------------------------------------------------

_WEEKDAY = (
    r"(?<!\w)(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn|t[2-7]"
    r"|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)(?!\w)"
)

# Clock times: 15:27, 15:27:45, 3:27 PM, 03:27 CH, 15h27, 15h27', 15 giờ 27 phút, 15h, 8 giờ sáng.
_TIME = r"""
(?<![\d:./])
(?P<hour>2[0-3]|[01]?\d)
(?:
    \s*:\s*(?P<minute>[0-5]\d)(?:\s*:\s*(?P<second>[0-5]\d)(?:\.\d+)?)?
  | \s*(?:h|giờ)\s*(?P<minute2>[0-5]?\d)(?!\d)(?:\s*(?:phút|ph|p(?!\.?\s?m)|'))?
    (?:\s*(?P<second2>[0-5]?\d)\s*(?:giây|s(?!\w)|"))?
  | \s*(?:h|giờ)(?!\w)
)
(?:\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?|sa|ch|sáng|trưa|chiều|tối|đêm)(?!\w))?
(?P<tz>z(?!\w)|[+-](?:0\d|1[0-4]):?[0-5]\d)?
"""

# What may stand between a date and its time: separators, weekday names, "lúc", "ngày", GMT+7...
_FILLER = rf"""
(?:
    {_WEEKDAY}
  | (?<!\w)(?:vào|lúc|ngày|hôm)(?!\w)
  | (?<!\w)(?:gmt|utc|ict)(?:\s*[+-]\s*\d{{1,2}}(?::?\d\d)?)?(?!\w)
  | T(?=\d)
  | [\s,;|\-–—•·/()\[\]]
)*
"""

_RE_FLAGS = re.IGNORECASE | re.VERBOSE
_TIME_AFTER_RE = re.compile(rf"(?P<filler>{_FILLER})(?P<time>{_TIME})", _RE_FLAGS)
_TIME_BEFORE_RE = re.compile(rf"(?P<time>{_TIME})(?P<filler>{_FILLER})$", _RE_FLAGS)
_MAX_FILLER = 30

_MONTHS_EN = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_EN = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_DATE_RES = [
    # ISO and yyyy/mm/dd: 2019-07-23, 2019/07/23
    re.compile(
        rf"(?<![\d/.\-]){_YEAR}(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?!\d)",
        re.IGNORECASE,
    ),
    # dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy
    re.compile(
        rf"(?<![\d/.\-])(?P<day>\d{{1,2}})(?P<sep>[/.\-])(?P<month>\d{{1,2}})(?P=sep){_YEAR}(?!\d)",
        re.IGNORECASE,
    ),
    # dd/mm/yy
    re.compile(r"(?<![\d/.\-])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d\d)(?![\d/])"),
    # ngày 23 tháng 7 năm 2019, 23 tháng 07, 2019
    re.compile(
        rf"(?<!\w)(?:ngày\s+)?(?P<day>\d{{1,2}})\s+tháng\s+(?P<month>\d{{1,2}})"
        rf"(?:\s*,\s*|\s+)(?:năm\s+)?{_YEAR}(?!\d)",
        re.IGNORECASE,
    ),
    # July 23, 2019
    re.compile(
        rf"(?<!\w){_MONTH_EN}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)",
        re.IGNORECASE,
    ),
    # 23 July 2019
    re.compile(rf"(?<!\w)(?P<day>\d{{1,2}})\s+{_MONTH_EN},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
]


@dataclass(frozen=True)
class _FoundDateTime:
    value: datetime
    start: int
    end: int


def _date_from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000
    month = _MONTHS_EN[groups["mon"][:3].lower()] if groups.get("mon") else int(groups["month"])
    day = int(groups["day"])
    if month > 12 and day <= 12:  # month/day/year slipped in from an English-locale CMS
        day, month = month, day
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _apply_time(day: date, match: re.Match[str] | None) -> datetime | None:
    if match is None:
        return datetime(day.year, day.month, day.day, tzinfo=VN_TZ)
    hour = int(match["hour"])
    minute = int(match["minute"] or match["minute2"] or 0)
    second = int(match["second"] or match["second2"] or 0)
    ampm = re.sub(r"[\s.]", "", (match["ampm"] or "").lower())
    if ampm:
        if hour > 12 and ampm in {"am", "sa", "sáng"}:
            return None  # "15:00 AM" is not a time
        if ampm in {"pm", "ch", "chiều", "tối"} and hour < 12:
            hour += 12
        elif ampm in {"am", "sa", "sáng"} and hour == 12:
            hour = 0
        elif ampm == "trưa" and 1 <= hour < 6:
            hour += 12
        elif ampm == "đêm":
            hour = 0 if hour == 12 else hour + 12 if 6 <= hour < 12 else hour
    if minute > 59 or second > 59:
        return None
    tz_text = (match["tz"] or "").upper()
    if tz_text:
        if tz_text == "Z":
            offset = timedelta(0)
        else:
            sign = -1 if tz_text[0] == "-" else 1
            digits = tz_text[1:].replace(":", "")
            offset = sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        naive = datetime(day.year, day.month, day.day, hour, minute, second)
        return naive.replace(tzinfo=timezone(offset)).astimezone(VN_TZ)
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=VN_TZ)


def _scan_datetimes(text: str) -> list[_FoundDateTime]:
    """Every date in ``text`` (with its adjacent time, if any), in order of appearance."""
    candidates: list[tuple[int, int, re.Match[str]]] = []
    for regex in _DATE_RES:
        for match in regex.finditer(text):
            candidates.append((match.start(), -(match.end() - match.start()), match))
    candidates.sort(key=lambda item: (item[0], item[1]))

    found: list[_FoundDateTime] = []
    last_end = 0
    for start, _, match in candidates:
        if start < last_end:
            continue
        day = _date_from_match(match)
        if day is None:
            continue
        span_start, span_end = match.start(), match.end()
        time_match = _TIME_AFTER_RE.match(text, span_end)
        if time_match is not None and len(time_match["filler"]) <= _MAX_FILLER:
            span_end = time_match.end()
        else:
            time_match = _TIME_BEFORE_RE.search(text, max(last_end, span_start - 60), span_start)
            if time_match is not None and len(time_match["filler"]) <= _MAX_FILLER:
                span_start = time_match.start()
            else:
                time_match = None
        value = _apply_time(day, time_match)
        if value is None:
            value = _apply_time(day, None)
        found.append(_FoundDateTime(value, span_start, span_end))
        last_end = span_end
    return found


def parse_datetime_vi(s: str) -> datetime | None:
    """Find the first date (with its time, if printed next to it) in a Vietnamese string.

    Dates: ``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ``dd/mm/yy``,
    ``ngày 23 tháng 7 năm 2019``, ``yyyy-mm-dd`` (ISO, optionally with ``T`` and an offset),
    English month names.  Times: ``HH:MM``, ``HH:MM:SS``, ``H:MM AM/PM`` (also ``SA``/``CH``),
    ``15h27``, ``15 giờ 27 phút``, ``8 giờ sáng``; before or after the date, separated by
    spaces, ``-``, ``,``, ``|``, ``lúc``, ``ngày`` or a weekday name.  Returns an aware datetime
    in Asia/Ho_Chi_Minh (00:00 when no time is printed), or ``None``.
    """
    found = _scan_datetimes(_normalize_text(s))
    return found[0].value if found else None


# --------------------------------------------------------------------------------------------
# Header metadata: date lines, view counts, authors, share buttons
# --------------------------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?!\d)|\d+"
_VIEW_RE = re.compile(
    rf"""
    (?<!\w)(?:(?:số\s+)?(?:lượt|lần)\s+(?:xem|đọc)|đã\s+(?:xem|đọc)|lượt\s+views?|xem|views?|hits?)
        \s*[:：]?\s*(?P<n1>{_NUMBER})
  | (?<![\d.,])(?P<n2>{_NUMBER})\s*(?:lượt|lần)\s+(?:xem|đọc)(?!\w)
  | (?<![\d.,])(?P<n3>{_NUMBER})\s*(?:views?|hits)(?!\w)
    """,
    _RE_FLAGS,
)

_AUTHOR_LABEL = (
    r"tác\s+giả|người\s+(?:đăng|viết|cập\s+nhật)|đăng\s+bởi|cập\s+nhật\s+bởi|viết\s+bởi|posted\s+by|nguồn"
    r"|tin\s*(?:,|và|&|-|/)\s*ảnh|bài\s*(?:,|và|&|-|/)\s*ảnh|tin\s*(?:,|và|&|-|/)\s*bài"
    r"|bài\s+viết|thực\s+hiện|nhóm\s+pv|tin|bài|ảnh|pv|ctv|btv"
)
_AUTHOR_SEGMENT_RE = re.compile(
    rf"(?<!\w)(?P<label>{_AUTHOR_LABEL})\s*[:：]\s*(?P<name>[^|•·\s][^|•·]*?)\s*(?=[|•·]|$)",
    re.IGNORECASE,
)
# Labels of the CMS account that posted the page ("Đăng bởi: admin", Joomla's "Viết bởi
# Administrator", WordPress's "Posted on … by admin"): not the author.
_ACCOUNT_LABEL_RE = re.compile(
    r"(?:người\s+đăng|đăng\s+bởi|posted\s+by|người\s+cập\s+nhật|cập\s+nhật\s+bởi|viết\s+bởi"
    r"|written\s+by)$",
    re.IGNORECASE,
)
# "Danh mục: Tin hoạt động", printed with the date by many CMSs.
_CATEGORY_SEGMENT_RE = re.compile(
    r"(?<!\w)(?:danh\s+mục|chuyên\s+mục|thể\s+loại|category|categories|chuyên\s+đề)\s*[:：]\s*[^|•·]{1,80}?\s*(?=[|•·]|$)",
    re.IGNORECASE,
)
_BY_ACCOUNT_RE = re.compile(
    r"(?<!\w)(?:(?:posted|written|đăng|viết|cập\s+nhật)\s+)?(?:by|bởi)\s*[:：]?\s*"
    r"(?P<name>[^|•·,\s][^|•·,]{0,40}?)\s*(?=[|•·,]|$)",
    re.IGNORECASE,
)
_COLON_LABEL_RE = re.compile(
    r"(?<!\w)(?:ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lúc)?"
    r"|thời\s+gian(?:\s+đăng)?|ngày\s+xuất\s+bản|xuất\s+bản|ngày\s+tạo|ngày|lượt\s+xem)\s*[:：]",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(
    r"(?<!\w)(?:ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lần\s+cuối)?"
    r"|thời\s+gian(?:\s+đăng)?|ngày\s+xuất\s+bản|xuất\s+bản|ngày\s+tạo|ngày\s+viết|đăng\s+tải"
    r"|đăng|vào\s+lúc|lúc|vào|ngày|hôm|giờ|posted(?:\s+on)?|published(?:\s+on)?"
    r"|updated(?:\s+on)?|last\s+updated|date|time"
    r"|gmt(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|utc(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|ict)(?!\w)",
    re.IGNORECASE,
)
_PUBLISH_LABEL_RE = re.compile(
    r"(?<!\w)(?:ngày\s+đăng|đăng\s+ngày|đăng\s+lúc|cập\s+nhật|xuất\s+bản|thời\s+gian\s+đăng"
    r"|posted|published|updated)(?!\w)",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(_WEEKDAY, re.IGNORECASE)
_SHARE_RE = re.compile(
    r"(?<!\w)(?:in\s+bài(?:\s+viết|\s+này)?|bản\s+in|in\s+trang|gửi\s+(?:email|e-mail|bài\s+viết|"
    r"cho\s+bạn\s+bè)|chia\s+sẻ|lưu\s+bài(?:\s+viết)?|share|tweet|facebook|zalo|twitter|linkedin"
    r"|print|e-?mail|cỡ\s+chữ|font\s*size|bình\s+luận\s*\(?\d*\)?|\d+\s+bình\s+luận"
    r"|a\s*[-+]|[-+]\s*a)(?!\w)",
    re.IGNORECASE,
)


@dataclass
class _Meta:
    published_at: datetime | None = None
    view_count: int | None = None
    byline: str | None = None
    has_share: bool = False
    has_publish_label: bool = False
    is_meta: bool = False


def _to_int(number: str) -> int:
    return int(re.sub(r"[.,]", "", number))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _analyse_meta(line: str) -> _Meta:
    """Recognise a line made only of metadata (date, time, views, author, share buttons)."""
    meta = _Meta()
    rest = line
    found = _scan_datetimes(rest)
    for item in found:
        rest = _blank(rest, item.start, item.end)
    if found:
        meta.published_at = found[0].value
    view = _VIEW_RE.search(rest)
    if view is not None:
        meta.view_count = _to_int(view["n1"] or view["n2"] or view["n3"])
        rest = _blank(rest, view.start(), view.end())
    meta.has_publish_label = bool(_PUBLISH_LABEL_RE.search(rest))
    rest = _COLON_LABEL_RE.sub(lambda m: " " * len(m[0]), rest)
    author = _AUTHOR_SEGMENT_RE.search(rest)
    if author is not None:
        if not _ACCOUNT_LABEL_RE.match(_clean_line(author["label"])):
            byline = _clean_line(rest[author.start() : author.end("name")])
            meta.byline = byline.rstrip(" -–—,;")
        rest = _blank(rest, author.start(), author.end())
    account = _BY_ACCOUNT_RE.search(rest) if author is None else None
    if account is not None and (found or view is not None or not rest[: account.start()].strip()):
        rest = _blank(rest, account.start(), account.end())
    else:
        account = None
    category = _CATEGORY_SEGMENT_RE.search(rest)
    if category is not None:
        rest = _blank(rest, category.start(), category.end())
    rest, shares = _SHARE_RE.subn(" ", rest)
    meta.has_share = shares > 0
    rest = _LABEL_RE.sub(" ", rest)
    rest = _WEEKDAY_RE.sub(" ", rest)
    leftover = re.sub(r"[\W_]+", "", rest)
    anything = (
        bool(found) or view is not None or author is not None or account is not None or meta.has_share
    ) or (category is not None and not rest.strip())
    meta.is_meta = anything and len(leftover) <= 2
    return meta


# --------------------------------------------------------------------------------------------
# Page chrome
# --------------------------------------------------------------------------------------------

# A line equal to one of these (optionally followed by ":" and counters) starts page chrome.
_END_WHOLE = [
    "các tin tức khác", "tin tức khác", "các tin khác", "tin khác", "các bài khác", "bài khác",
    "bài viết khác", "các bài viết khác", "tin bài khác", "tin liên quan", "các tin liên quan",
    "bài viết liên quan", "bài liên quan", "tin cùng chuyên mục", "tin cùng loại",
    "tin mới hơn", "tin cũ hơn", "tin đã đưa", "các tin đã đưa", "tin mới", "tin mới nhất",
    "tin nổi bật", "tin xem nhiều", "tin đọc nhiều", "xem thêm", "đọc thêm", "xem tiếp",
    "bình luận", "bình luận của bạn", "ý kiến bạn đọc", "ý kiến", "gửi ý kiến",
    "gửi bình luận", "viết bình luận", "gửi", "gửi đi", "đánh giá", "đánh giá bài viết",
    "lượt đánh giá", "mã xác thực", "mã bảo vệ", "mã kiểm tra", "nhập mã", "khảo sát",
    "khảo sát ý kiến", "thăm dò ý kiến", "thăm dò", "bình chọn", "xem kết quả",
    "thống kê", "thống kê truy cập", "đang online", "online", "đang truy cập", "trực tuyến",
    "hôm nay", "hôm qua", "tuần này", "tuần trước", "tháng này", "tháng trước", "năm nay",
    "tất cả", "tổng", "tổng truy cập", "tổng lượt truy cập", "tổng số lượt truy cập",
    "lượt truy cập", "số lượt truy cập", "truy cập", "lượt truy cập trong ngày",
    "liên kết website", "liên kết web", "liên kết", "website liên kết", "in bài viết",
    "in bài", "in bài này", "bản in", "in trang", "gửi email", "gửi bài viết",
    "gửi cho bạn bè", "chia sẻ", "chia sẻ bài viết", "share", "tweet", "like", "facebook",
    "zalo", "lên đầu trang", "về đầu trang", "đầu trang", "quay lại", "trở về", "trở lại",
    "về trang trước", "từ khóa", "từ khoá", "tags", "tag", "danh mục tin tức", "video",
    "thư viện ảnh", "thư viện video", "quảng cáo", "bản đồ", "lịch công tác", "thông báo",
    "văn bản mới", "tin ảnh", "lượt xem",
]  # fmt: skip
# A line starting with one of these (and not very long) starts page chrome.
_END_PREFIXES = [
    "các tin tức khác", "các tin khác", "tin tức khác", "tin liên quan", "các tin liên quan",
    "bài viết liên quan", "tin cùng chuyên mục", "mã xác thực", "mã bảo vệ", "mã kiểm tra",
    "lượt đánh giá", "đánh giá:", "liên kết website", "thống kê truy cập", "tổng số lượt truy cập",
    "tổng lượt truy cập", "tổng truy cập", "đang online", "đang truy cập", "ý kiến bạn đọc",
    "gửi bình luận", "viết bình luận", "gửi ý kiến của bạn", "bạn đọc gửi ý kiến",
    "vui lòng nhập", "nhập mã", "bản quyền thuộc", "bản quyền ©", "copyright", "từ khóa:",
    "từ khoá:", "tags:", "cơ quan chủ quản", "chịu trách nhiệm nội dung",
    "chịu trách nhiệm xuất bản", "giấy phép số", "giấy phép thiết lập",
]  # fmt: skip
_COUNTER_TAIL = r"[\s:：()\[\]\d.,/*★☆|\-]*"


def _alternation(words: list[str]) -> str:
    parts = sorted({re.escape(word).replace(r"\ ", r"\s+") for word in words}, key=len)
    return "|".join(reversed(parts))


_END_WHOLE_RE = re.compile(rf"(?:{_alternation(_END_WHOLE)}){_COUNTER_TAIL}", re.IGNORECASE)
_END_PREFIX_RE = re.compile(rf"(?:{_alternation(_END_PREFIXES)})", re.IGNORECASE)
_MAX_PREFIX_MARKER_LINE = 150

# Headings of the blocks of links to other items that old sites put under an article, in the
# many wordings they used: "Tin liên quan", "Các bài viết khác cùng chủ đề", "Tin đã đưa",
# "Tin mới hơn", "Bài trước: …", "TIN ĐỌC NHIỀU", "Có thể bạn quan tâm", "Related news"…
_LINK_NOUN = r"(?:tin\s+bài|tin\s+tức|tin\s+ảnh|tin|bài\s+viết|bài\s+báo|bài|video|sự\s+kiện|văn\s+bản)"
_LINK_SCOPE = r"(?:chuyên\s+mục|danh\s+mục|chủ\s+đề|thể\s+loại|loại|lĩnh\s+vực|mục|sự\s+kiện|tác\s+giả)"
_LINK_QUALIFIER = rf"""
(?: khác(?:\s+cùng\s+{_LINK_SCOPE})? | liên\s+quan | cùng\s+{_LINK_SCOPE}
  | đã\s+(?:đưa|đăng)(?:\s+ngày)? | (?:mới|cũ)\s+hơn | mới(?:\s+(?:nhất|cập\s+nhật|đăng))?
  | trước(?:\s+đó)? | sau | (?:tiếp|kế)(?:\s+(?:theo|tiếp))? | tiêu\s+điểm | nổi\s+bật | nóng | hay
  | (?:được\s+)?(?:xem|đọc|quan\s+tâm)\s+nhiều(?:\s+nhất)? )"""
_LINK_HEADING = rf"""
(?: (?:(?:các|những|một\s+số|xem\s+(?:thêm|tiếp)|đọc\s+(?:thêm|tiếp))\s+(?:các\s+|những\s+)?)?
    {_LINK_NOUN}\s+{_LINK_QUALIFIER}
  | (?:có\s+thể\s+)?bạn\s+(?:có\s+thể\s+)?(?:quan\s+tâm|muốn\s+đọc|nên\s+đọc)
  | bạn\s+đọc\s+quan\s+tâm | (?:xem|đọc)\s+nhiều(?:\s+nhất)? | tiêu\s+điểm
  | related(?:\s+(?:news|articles?|posts?|items?|stories))? | other\s+(?:news|articles|posts)
  | more\s+news | see\s+also )"""
# Alone on its line (with counters, arrows or a colon after it), or followed by ":"/"»" and the
# first linked headline ("Bài trước: Ban công tác Mặt trận …").
_LINK_HEADING_WHOLE_RE = re.compile(rf"{_LINK_HEADING}[\s:：»›>.…()\[\]\d/|\-–]*", re.IGNORECASE | re.VERBOSE)
_LINK_HEADING_PREFIX_RE = re.compile(rf"{_LINK_HEADING}\s*[:：»›>]", re.IGNORECASE | re.VERBOSE)
# Site footers: "Designed by …", "Ghi rõ nguồn … khi phát hành lại", an address with a phone.
_FOOTER_RE = re.compile(
    r"(?:designed\s+by|powered\s+by|thiết\s+kế\s+(?:bởi|và\s+phát\s+triển)|phát\s+triển\s+bởi"
    r"|ghi\s+rõ\s+nguồn|trưởng\s+ban\s+biên\s+tập|địa\s+chỉ\s*[:：].{0,120}(?:điện\s+thoại|đt|tel)\s*[:：])",
    re.IGNORECASE,
)

# Chrome headings that legacy pages glue to the preceding text ("Đ.TÝ kiến bạn đọc").
_GLUED_SUFFIXES = [
    "Ý kiến bạn đọc", "Gửi bình luận", "Viết bình luận", "Bình luận", "Các tin tức khác",
    "Các tin khác", "Tin liên quan", "Tin cùng chuyên mục", "Chia sẻ", "In bài viết",
    "Liên kết website",
]  # fmt: skip

_MENU_ITEMS = {
    "trang chủ", "trang nhất", "home", "giới thiệu", "tin tức", "tin tức - sự kiện",
    "tin tức sự kiện", "sự kiện", "hoạt động", "tin hoạt động", "văn bản",
    "văn bản pháp luật", "văn bản chỉ đạo", "hỏi đáp", "hỏi - đáp", "liên hệ", "sơ đồ site",
    "sơ đồ trang", "sơ đồ cổng", "đăng nhập", "đăng ký", "đăng xuất", "tìm kiếm",
    "tìm kiếm nâng cao", "rss", "english", "tiếng việt", "menu", "danh mục", "chuyên mục",
    "góp ý", "diễn đàn", "tổ chức bộ máy", "cơ cấu tổ chức", "chức năng nhiệm vụ",
    "chức năng, nhiệm vụ", "tin trong nước", "tin địa phương", "tin mặt trận",
    "công tác mặt trận", "tin tổng hợp", "tin nổi bật", "tin mới", "thông báo", "chi tiết",
}  # fmt: skip
_BREADCRUMB_START_RE = re.compile(
    r"^(?:trang\s+chủ|trang\s+nhất|home)\s*(?:>>?|»|›|→|/|\||:|-)", re.IGNORECASE
)
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*(?:>>?|»|›|→)\s*")
_PIPE_SPLIT_RE = re.compile(r"\s*\|\s*")
_INLINE_CHROME_RE = re.compile(
    r"(?:quảng\s+cáo|advertisement|ads|(?:>>\s*)?(?:xem|đọc)\s+thêm\s*[:：>»].*"
    r"|click\s+(?:vào\s+)?(?:đây|ảnh).*|bấm\s+vào\s+(?:đây|ảnh).*"
    r"|\S+\.(?:jpe?g|png|gif|webp|bmp))",
    re.IGNORECASE,
)
_SENTENCE_END = ".;:!?…"


def _marker_key(line: str) -> str:
    return re.sub(r"^[\W_]+", "", line.lower()).strip()


def _is_end_marker(line: str) -> bool:
    if line.startswith("©"):
        return True
    key = _marker_key(line)
    if not key:
        return False
    if _END_WHOLE_RE.fullmatch(key) or _LINK_HEADING_WHOLE_RE.fullmatch(key):
        return True
    parts = [_marker_key(part) for part in re.split(r"\s*[|•·]\s*", key)]
    if len(parts) >= 2 and all(_END_WHOLE_RE.fullmatch(part) for part in parts if part):
        return True  # "In bài viết | Quay lại"
    if len(key) > _MAX_PREFIX_MARKER_LINE:
        return False
    return bool(_END_PREFIX_RE.match(key) or _LINK_HEADING_PREFIX_RE.match(key) or _FOOTER_RE.match(key))


def _is_menu_line(line: str) -> bool:
    key = _marker_key(line).rstrip(":")
    if key in _MENU_ITEMS or _BREADCRUMB_START_RE.match(key):
        return True
    crumbs = [part for part in _BREADCRUMB_SPLIT_RE.split(key) if part]
    if len(crumbs) >= 2 and all(len(part.split()) <= 6 for part in crumbs):
        return True
    items = [part for part in _PIPE_SPLIT_RE.split(key) if part]
    return len(items) >= 3 and all(len(part.split()) <= 5 for part in items)


def _is_junk(line: str) -> bool:
    """Lines with no letters or digits, image file names, ads and "read more" links."""
    return not re.search(r"\w", line) or _INLINE_CHROME_RE.fullmatch(line) is not None


def _is_menu_like(line: str) -> bool:
    """Short navigation-style text (menu item, category label, site banner) above a title."""
    if _is_menu_line(line):
        return True
    words = line.split()
    if len(words) <= 6 and line[-1] not in _SENTENCE_END:
        return True
    letters = [char for char in line if char.isalpha()]
    return len(words) <= 15 and bool(letters) and all(char.isupper() for char in letters)


def _looks_like_body(line: str) -> bool:
    """A paragraph of running text rather than a headline."""
    return len(line) >= 200 or (len(line) >= 100 and line[-1] in _SENTENCE_END)


def _split_glued_markers(line: str) -> list[str]:
    """Split a chrome heading glued onto the end of a content line into its own line."""
    stripped = line.rstrip(" \t\xa0:")
    for marker in _GLUED_SUFFIXES:
        if stripped.endswith(marker) and len(stripped) > len(marker):
            before = stripped[-len(marker) - 1]
            if before.isalnum() or before in ".)\xa0\t":
                return [stripped[: -len(marker)], marker]
    return [line]


# --------------------------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------------------------

_SOURCE_LINE_RE = re.compile(rf"^[(\[]?\s*(?P<label>{_AUTHOR_LABEL}|theo)\s*[:：]\s*\S", re.IGNORECASE)
_THEO_LINE_RE = re.compile(r"^[(\[]?\s*theo\s+\S", re.IGNORECASE)
_INITIALS_RE = re.compile(r"(?:\w{1,3}\.)+\w{0,3}\.?")
_CAPTION_WORDS = {
    "tại", "phát", "biểu", "trao", "tặng", "đã", "đang", "cho", "với", "các", "những", "được",
    "toàn", "cảnh", "tham", "dự", "chụp", "ảnh", "minh", "họa", "hoạ", "là", "trong", "về",
    "thăm", "chúc", "làm", "việc", "buổi",
}  # fmt: skip

# A signature is one to four parts joined by " - ", ",", ";", "&", "/" or "và"; each part is a
# person ("Minh Anh", "Đ.T", "PV Đức Mạnh"), a unit ("Ban Tuyên giáo Ủy ban MTTQ quận", with an
# optional position: "Phó Chủ tịch Ủy ban MTTQ phường Quan Hoa") or a place ("Thanh Bình",
# "Quận Thanh Xuân"); a note may follow in brackets ("(tổng hợp)", "(Ban Tuyên giáo)").
_BYLINE_SEPARATOR_RE = re.compile(r"\s*[-–—/;,&]\s*|\s+và\s+", re.IGNORECASE)
_BYLINE_NOTE_RE = re.compile(r"^(?P<main>.*?\S)\s*[(\[](?P<note>[^()\[\]]{1,60})[)\]]$")
_BYLINE_NOTES = re.compile(
    r"(?:tổng\s+hợp|t\.?\s?h|st|s\.t|sưu\s+tầm|lược\s+(?:ghi|dịch|trích)|biên\s+(?:tập|dịch)"
    r"|trích|dịch|thực\s+hiện|theo\s+.+)",
    re.IGNORECASE,
)
_POSITION_RE = re.compile(
    r"^(?:(?:phó\s+)?(?:chủ\s+tịch|trưởng\s+ban|trưởng\s+phòng|bí\s+thư|tổng\s+thư\s+ký|thư\s+ký"
    r"|giám\s+đốc|trưởng\s+khu)|ủy\s+viên|uỷ\s+viên|cán\s+bộ|chuyên\s+viên|phóng\s+viên"
    r"|cộng\s+tác\s+viên|biên\s+tập\s+viên)\s+",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(
    r"^(?:ban|ủy\s+ban|uỷ\s+ban|ub\w*|mttq\w*|mặt\s+trận|văn\s+phòng|phòng|báo|đài|cổng|trang"
    r"|tạp\s+chí|trung\s+tâm|hội\s+(?:lhpn|liên\s+hiệp|phụ\s+nữ|nông\s+dân|cựu\s+chiến\s+binh|ccb"
    r"|người\s+cao\s+tuổi|chữ\s+thập\s+đỏ|khuyến\s+học|nd)|đoàn\s+(?:thanh\s+niên|tn)|liên\s+đoàn"
    r"|lđlđ|công\s+đoàn|đảng\s+[uủ][yỷ]|(?:quận|huyện|thị|tỉnh|thành)\s+[uủ][yỷ]|chi\s+bộ"
    r"|tổ\s+dân\s+phố|tdp|khu\s+dân\s+cư|kdc|nhóm\s+(?:pv|phóng\s+viên))(?!\w)",
    re.IGNORECASE,
)
_PLACE_RE = re.compile(
    r"^(?:phường|xã|quận|huyện|thị\s+xã|thị\s+trấn|thành\s+phố|tp\.?|tỉnh)\s+", re.IGNORECASE
)
_REPORTER_RE = re.compile(
    r"^(?:nhóm\s+)?(?:pv|ctv|btv|phóng\s+viên|cộng\s+tác\s+viên|biên\s+tập\s+viên)\.?\s+", re.IGNORECASE
)
# The only lower-case words a unit's name is made of ("Ban công tác Mặt trận khu dân cư số 4").
_UNIT_WORDS = {
    "ban", "ủy", "uỷ", "mặt", "trận", "tổ", "quốc", "việt", "nam", "thường", "trực", "tuyên", "giáo",
    "dân", "vận", "công", "tác", "khu", "cư", "phố", "số", "phường", "xã", "quận", "huyện", "thị",
    "trấn", "thành", "tỉnh", "ấp", "thôn", "xóm", "bản", "hội", "đoàn", "chiến", "binh", "cựu", "nữ",
    "phụ", "nông", "thanh", "niên", "người", "cao", "tuổi", "chữ", "thập", "đỏ", "khuyến", "học",
    "đồng", "nhân", "văn", "phòng", "đại", "diện", "giám", "sát", "tra", "tư", "vấn", "liên", "hiệp",
    "lao", "động", "viên", "chủ", "tịch", "phó", "trưởng", "thư", "ký", "bí", "điện", "tử", "báo",
    "đài", "truyền", "hình", "trung", "tâm", "chính", "trị", "bồi", "dưỡng", "cơ", "sở", "chi", "bộ",
    "đảng", "chức", "kiểm", "mttq", "tổng", "hợp", "thông", "tin", "an", "ninh", "quân", "sự", "y",
    "tế", "dục", "khối", "quan", "doanh", "nghiệp", "thể", "thao", "du", "lịch", "hóa", "hoá", "và",
}  # fmt: skip
_MAX_BYLINE = 150


def _is_name_word(word: str) -> bool:
    """A capitalised name word or initials: "Phương", "Đ.T", "T.Hà", "N.H.A", "PV"."""
    return word[0].isupper() and all(char.isalpha() or char in ".'’" for char in word)


def _byline_part(part: str) -> str | None:
    """What one part of a signature is ("person", "unit", "place"), or None if it is not one."""
    words = part.split()
    if not words:
        return None
    unit = _POSITION_RE.sub("", part, count=1)
    if (
        _UNIT_RE.match(unit)
        and len(words) <= 16
        and all(word[0].isupper() or word.isdigit() or word in _UNIT_WORDS for word in unit.split())
    ):
        return "unit"
    if any(char.isdigit() for char in part):
        return None
    place = _PLACE_RE.match(part)
    if place is not None:
        rest = part[place.end() :].split()
        if 1 <= len(rest) <= 4 and all(_is_name_word(word) for word in rest):
            return "place"
    person = _REPORTER_RE.sub("", part, count=1).split()
    if 1 <= len(person) <= 5 and all(_is_name_word(word) for word in person):
        return "person"
    return None


def _byline_parts(line: str) -> list[str] | None:
    """The kinds of the parts of a signature line, or None when the line is not a signature."""
    if not line or len(line) > _MAX_BYLINE:
        return None
    main = line
    note = _BYLINE_NOTE_RE.match(line)
    if note is not None:
        main = note["main"]
        inner = note["note"].strip()
        if not (_BYLINE_NOTES.fullmatch(inner) or _byline_part(inner)):
            return None
    if main[-1] in _SENTENCE_END and not _INITIALS_RE.fullmatch(main.split()[-1]):
        return None
    parts = [part for part in _BYLINE_SEPARATOR_RE.split(main) if part.strip()]
    if not 1 <= len(parts) <= 4:
        return None
    kinds = [_byline_part(part.strip()) for part in parts]
    return None if None in kinds else kinds  # type: ignore[return-value]


def _is_source_line(line: str) -> bool:
    """An explicit source/author line: "Nguồn: ...", "Tin, ảnh: ...", "Theo Báo Hà Tĩnh"."""
    if len(line) > 150:
        return False
    source = _SOURCE_LINE_RE.match(line)
    if source is not None:
        return not _ACCOUNT_LABEL_RE.match(_clean_line(source["label"]))
    if _THEO_LINE_RE.match(line) and len(line.split()) <= 8:
        last = line.rstrip(")]").split()[-1]
        return line[-1] not in _SENTENCE_END or re.search(r"\.\w{2,4}$", last) is not None
    return False


def _looks_like_name_line(line: str) -> bool:
    """A closing signature of names, units or places: "Dương Thị Phương – Thanh Bình", "Đ.T",
    "Nguyễn Văn Nam, Lê Thị Hoa", "Minh Châu (tổng hợp)", "Ban Thường trực Ủy ban MTTQ phường"."""
    return _byline_parts(line) is not None


def _is_byline_line(line: str) -> bool:
    return _is_source_line(line) or _looks_like_name_line(line)


def _extract_byline(paragraphs: list[str]) -> str | None:
    """Pop a trailing byline/source line (or two) off the body and return it."""
    taken: list[str] = []
    while len(paragraphs) > 1 and len(taken) < 2 and _is_source_line(paragraphs[-1]):
        taken.insert(0, paragraphs.pop())
    if taken:
        return "; ".join(taken)
    kinds = _byline_parts(paragraphs[-1]) if len(paragraphs) > 1 else None
    if kinds is None:
        return None
    byline = paragraphs.pop()
    if len(paragraphs) > 1:
        above = _byline_parts(paragraphs[-1])
        if kinds == ["unit"] and above is not None and set(above) == {"person"}:
            # A name above the position or unit: "Phạm Hồng Sơn" / "Phó Chủ tịch Ủy ban MTTQ …".
            byline = f"{paragraphs.pop()} – {byline}"
        elif _is_source_line(paragraphs[-1]):
            byline = f"{paragraphs.pop()}; {byline}"
    return byline


# Blocks of links to other items without a heading: headlines stamped with a date
# ("… (20/06/2018)", "… [02/06/2021]", "… - 30/08/2022") or a view count, or bulleted headlines
# right after the signature.
_LINK_BULLET_RE = re.compile(r"^(?:[-–—•·*+»›>◦▪■□◆♦→]|\d{1,2}[.)])\s*(?=\S)")
_STAMP_DATE = r"(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?(?:\s*[-,]?\s*\d{1,2}[:h]\d{2})?"
_LINK_STAMP_RE = re.compile(
    rf"(?:\(\s*{_STAMP_DATE}\s*\)|\[\s*{_STAMP_DATE}\s*\]|\s[-–—|]\s*{_STAMP_DATE}"
    rf"|\(\s*(?:{_NUMBER})\s*(?:lượt\s+(?:xem|đọc)|views?)\s*\))\s*$",
    re.IGNORECASE,
)


def _link_item_kind(line: str) -> str | None:
    """ "stamped" or "bulleted" when the line reads like a link to another item, else None."""
    stamp = _LINK_STAMP_RE.search(line)
    text = line[: stamp.start()] if stamp else line
    bullet = _LINK_BULLET_RE.match(text)
    if bullet is not None:
        text = text[bullet.end() :]
    text = text.strip()
    words = text.split()
    if not 2 <= len(words) <= 40 or text[-1] in ".;:!,":
        return None
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘«"):
        return None
    if stamp is not None and len(words) >= 4:
        return "stamped"
    return "bulleted" if bullet is not None else None


def _strip_trailing_links(paragraphs: list[str]) -> None:
    """Drop a heading-less block of links to other items from the end of the body."""
    run, stamped = 0, False
    for line in reversed(paragraphs):
        kind = _link_item_kind(line)
        if kind is None:
            break
        run += 1
        stamped = stamped or kind == "stamped"
    if run == 0 or run >= len(paragraphs):
        return
    if stamped or _is_byline_line(paragraphs[-run - 1]):
        del paragraphs[-run:]


# --------------------------------------------------------------------------------------------
# Article parsing
# --------------------------------------------------------------------------------------------

_HEADER_WINDOW = 15
_TRAILER_WINDOW = 5


@dataclass
class _HeaderLine:
    text: str
    kind: str  # "date", "meta", "chrome" or "text"
    meta: _Meta


def _classify_header_line(text: str) -> _HeaderLine:
    meta = _analyse_meta(text)
    if meta.is_meta:
        return _HeaderLine(text, "date" if meta.published_at else "meta", meta)
    if _is_end_marker(text) or _is_menu_line(text) or _is_junk(text):
        return _HeaderLine(text, "chrome", meta)
    return _HeaderLine(text, "text", meta)


def _meaningful_lines(text: str) -> list[str]:
    lines: list[str] = []
    for raw in _normalize_text(text).split("\n"):
        for part in _split_glued_markers(raw):
            cleaned = _clean_line(part)
            if cleaned:
                lines.append(cleaned)
    return lines


def _find_header(header: list[_HeaderLine]) -> tuple[int | None, int | None]:
    """Return (title index, publish-date index) within the header window.

    The title is the text line right before a date line (only chrome/metadata in between),
    provided everything above it is menu-like; the last such pair wins, so menus, breadcrumbs
    and a page-header/crawl date above the title are skipped.  Without such a pair, the title
    is the first text line and there is no publish date.
    """
    candidates: list[tuple[int, int]] = []
    for date_pos, line in enumerate(header):
        if line.kind != "date":
            continue
        pos = date_pos - 1
        while pos >= 0 and header[pos].kind in {"chrome", "meta"}:
            pos -= 1
        if pos < 0 or header[pos].kind != "text" or _looks_like_body(header[pos].text):
            continue
        above = [item.text for item in header[:pos] if item.kind == "text"]
        if all(_is_menu_like(item) for item in above):
            candidates.append((pos, date_pos))
    if candidates:
        return candidates[-1]
    for pos, line in enumerate(header):
        if line.kind == "text":
            return pos, None
    return None, None


@dataclass
class LineAnalysis:
    """Where the parts of an article are in a list of text lines (see :func:`analyse_lines`)."""

    title: str = ""
    title_index: int | None = None
    published_at: datetime | None = None
    view_count: int | None = None
    byline: str | None = None
    body: list[int] = field(default_factory=list)  # indices of the body lines, in order
    byline_lines: list[int] = field(default_factory=list)
    end: int = 0  # index of the first line after the article (page chrome)
    warnings: list[str] = field(default_factory=list)


def _header_after_known_title(header: list[_HeaderLine]) -> int | None:
    """The publish-date line right under a title already known to be line 0 (template labels
    such as "Chi tiết" may stand between them)."""
    for pos, item in enumerate(header[1:], start=1):
        if item.kind == "date":
            return pos
        if item.kind not in {"chrome", "meta"} and not (
            len(item.text.split()) <= 4 and _is_menu_like(item.text)
        ):
            return None
    return None


def analyse_lines(lines: list[str], *, known_title: bool = False) -> LineAnalysis:
    """Find the title, publish date, view count, body and byline in cleaned text lines.

    With ``known_title`` the first line is the headline (an HTML page's heading); otherwise the
    headline is looked for as in a saved text page.  Used by :func:`parse_text` and by the HTML
    importer, which feeds it the text of each block of a page.
    """
    result = LineAnalysis(end=len(lines))
    if not lines:
        return result

    # Header: classify the top lines until the first paragraph of running text.
    header: list[_HeaderLine] = []
    for line in lines[:_HEADER_WINDOW]:
        item = _classify_header_line(line)
        header.append(item)
        if item.kind == "text" and _looks_like_body(line) and not (known_title and len(header) == 1):
            break
    if known_title:
        title_pos, date_pos = 0, _header_after_known_title(header)
    else:
        title_pos, date_pos = _find_header(header)

    header_byline: str | None = None
    if title_pos is None:
        result.warnings.append("no title found")
        body_start = len(header)
    elif not known_title and date_pos is None and _looks_like_body(header[title_pos].text):
        # The page starts with its lead sentence: there is no headline, and none is invented.
        result.warnings.append(
            "no headline found: the first line reads like a lead sentence, so it stays in "
            "the body and the title is left empty"
        )
        body_start = title_pos
    else:
        result.title = header[title_pos].text
        result.title_index = title_pos
        body_start = max(title_pos, date_pos if date_pos is not None else -1) + 1
    meta_start = title_pos + 1 if title_pos is not None else 0
    crawl_date_seen = any(item.kind == "date" for item in header[: title_pos or 0])
    # Metadata printed between the title and the body (never from the lines above the title).
    for item in header[meta_start:body_start]:
        if item.kind in {"date", "meta"}:
            if item.meta.view_count is not None and result.view_count is None:
                result.view_count = item.meta.view_count
            if item.meta.byline and header_byline is None:
                header_byline = item.meta.byline
    if date_pos is not None:
        result.published_at = header[date_pos].meta.published_at

    # Body: from after the title/date to the first chrome section.
    body: list[tuple[int, str]] = []
    end = len(lines)
    for pos in range(body_start, len(lines)):
        line = lines[pos]
        meta = _analyse_meta(line)
        if body and not meta.is_meta and _is_end_marker(line):
            end = pos
            break
        if meta.is_meta:
            if meta.view_count is not None and result.view_count is None:
                result.view_count = meta.view_count
            if not body:
                if meta.published_at and result.published_at is None:
                    result.published_at = meta.published_at
                if meta.byline and header_byline is None:
                    header_byline = meta.byline
                continue
            if meta.view_count is not None or meta.has_share or meta.has_publish_label:
                if meta.published_at and result.published_at is None:
                    result.published_at = meta.published_at
                end = pos
                break
        skippable = _is_end_marker(line) or _is_menu_line(line) or line == result.title
        if not body and skippable:
            continue
        if _is_junk(line):
            continue
        body.append((pos, line))
    result.end = end

    # A view count printed in the chrome just below the article ("Lượt xem: 120 | Chia sẻ").
    if result.view_count is None:
        for line in lines[end + 1 : end + 1 + _TRAILER_WINDOW]:
            meta = _analyse_meta(line)
            if meta.is_meta and meta.view_count is not None:
                result.view_count = meta.view_count
                break

    texts = [text for _pos, text in body]
    _strip_trailing_links(texts)
    with_byline = len(texts)
    result.byline = _extract_byline(texts) or header_byline
    result.byline_lines = [pos for pos, _text in body[len(texts) : with_byline]]
    result.body = [pos for pos, _text in body[: len(texts)]]
    if result.published_at is None:
        if crawl_date_seen:
            result.warnings.append(
                "no publish date found (the date above the title is the crawl date; ignored)"
            )
        else:
            result.warnings.append("no publish date found")
    if not result.body:
        result.warnings.append("no article body found")
    return result


def parse_text(text: str, file: str = "") -> ParsedArticle:
    """Parse the text of one saved legacy news page."""
    article = ParsedArticle(file=file, title="", published_at=None, view_count=None, byline=None)
    lines = _meaningful_lines(text)
    if not lines:
        article.warnings.append("file is empty (no text content)")
        return article
    found = analyse_lines(lines)
    article.title = found.title
    article.published_at = found.published_at
    article.view_count = found.view_count
    article.byline = found.byline
    article.paragraphs = [lines[pos] for pos in found.body]
    article.warnings = found.warnings
    return article


def parse_file(path: str | os.PathLike[str]) -> ParsedArticle:
    """Read and parse one legacy file; never raises, problems end up in ``warnings``."""
    name = os.fspath(path)
    if isinstance(name, bytes):  # pragma: no cover - bytes paths are unusual
        name = os.fsdecode(name)
    reason: str | None = None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        text = decode_text(data)
    except FileNotFoundError:
        reason = "file not found"
    except IsADirectoryError:
        reason = "path is a directory, not a file"
    except PermissionError:
        reason = "permission denied"
    except OSError as exc:
        reason = exc.strerror or str(exc)
    except LegacyImportError as exc:
        reason = str(exc)
    if reason is not None:
        return ParsedArticle(
            file=name,
            title="",
            published_at=None,
            view_count=None,
            byline=None,
            warnings=[f"cannot read file: {reason}"],
        )
    try:
        return parse_text(text, file=name)
    except Exception as exc:  # noqa: BLE001 - the importer must report, never crash
        return ParsedArticle(
            file=name,
            title="",
            published_at=None,
            view_count=None,
            byline=None,
            warnings=[f"cannot parse file: unexpected {type(exc).__name__}: {exc}"],
        )
