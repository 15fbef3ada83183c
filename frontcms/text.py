"""Vietnamese text utilities: normalisation, slugs, accent folding, dates, numerals, name sorting.

Dates also come in English ("1 December 2026") for the English pages under /en/.

Every piece of user-facing text the portal stores or compares goes through this module, so that
`tập huấn` typed on a phone (NFC), pasted from Word (sometimes NFD) or typed without accents
(`tap huan`) all meet in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TypeVar

from django.utils import timezone

T = TypeVar("T")

# Vietnamese weekday names, Monday first (datetime.weekday() order).
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
# English ones, and the months, spelt out here rather than taken from the active locale: the
# English pages print "Tuesday, 1 December 2026" whatever the server's locale or Django's formats.
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
# The Vietnamese alphabet order, with the Latin letters Vietnamese does not use slotted in.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_OFFSET = 0x1000  # letters sort after digits and punctuation
_MODIFIERS = "\u0306\u0302\u031b"  # breve, circumflex, horn: part of the letter
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def nfc(value: str | None) -> str:
    """Return `value` in Unicode NFC (the form Vietnamese keyboards produce); None becomes ''."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", str(value))


def fold(value: str | None) -> str:
    """Fold Vietnamese text for accent-insensitive matching: lower case, no diacritics, đ → d.

    `fold("TẬP HUẤN")`, `fold("tập huấn")` and `fold("tap huan")` are all `"tap huan"`.
    Whitespace runs collapse to one space so that folded text can be compared directly.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def without_diacritics(value: str | None) -> str:
    """`Thanh Xuân Bắc` → `Thanh Xuan Bac`: the letters without their marks, case kept, đ → d.

    How Vietnamese place names are written in English ("… of Thanh Xuan Bac Ward")."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.replace("đ", "d").replace("Đ", "D")).strip()


def slugify_vi(value: str | None, fallback: str = "") -> str:
    """ASCII slug with Vietnamese letters folded: `Đại hội phường Thượng Đình` → `dai-hoi-phuong-thuong-dinh`.

    Returns `fallback` (itself slugified) when nothing slug-worthy is left, e.g. for `"!!!"`.
    """
    slug = _NON_SLUG.sub("-", fold(value)).strip("-")
    if not slug and fallback:
        slug = _NON_SLUG.sub("-", fold(fallback)).strip("-")
    return slug


def unique_slug(
    value: str | None,
    exists: Callable[[str], bool],
    max_length: int = 200,
    fallback: str = "muc",
) -> str:
    """A non-empty slug for `value` for which `exists(slug)` is False, adding `-2`, `-3`, … if needed."""
    base = slugify_vi(value, fallback=fallback)[:max_length].strip("-") or fallback
    candidate = base
    counter = 2
    while exists(candidate):
        suffix = f"-{counter}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        counter += 1
    return candidate


def to_roman(number: int) -> str:
    """Roman numerals for term numbers: `to_roman(5)` → `"V"`. Non-positive numbers give ''."""
    if number is None or number <= 0:
        return ""
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _local(value: datetime | date) -> datetime | date:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def weekday_name(value: datetime | date) -> str:
    """`Thứ năm` for a Thursday."""
    return WEEKDAYS[_local(value).weekday()]


def _english_date(value: datetime | date) -> str:
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def format_date(value: datetime | date | None, language: str = "vi") -> str:
    """`09/05/2024`; in English (`language="en"`) `9 May 2024`."""
    if value is None:
        return ""
    value = _local(value)
    return _english_date(value) if language == "en" else value.strftime("%d/%m/%Y")


def format_long_date(value: datetime | date | None, language: str = "vi") -> str:
    """`Thứ năm, 09/05/2024`, as Vietnamese portals print today's date in their header;
    in English `Thursday, 9 May 2024`."""
    if value is None:
        return ""
    value = _local(value)
    if language == "en":
        return f"{WEEKDAYS_EN[value.weekday()]}, {_english_date(value)}"
    return f"{weekday_name(value)}, {value.strftime('%d/%m/%Y')}"


def format_datetime(value: datetime | None, language: str = "vi") -> str:
    """`23/07/2019 15:27` in the portal's time zone (24-hour clock); in English `23 July 2019, 15:27`."""
    if value is None:
        return ""
    value = _local(value)
    if language == "en":
        return f"{_english_date(value)}, {value.strftime('%H:%M')}"
    return value.strftime("%d/%m/%Y %H:%M")


def collation_key(value: str | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sort key that follows the Vietnamese alphabet (a ă â b c d đ e ê …) and then the tones.

    Primary: letters in Vietnamese order, case-insensitive; secondary: tones in the customary order
    (ngang, huyền, sắc, hỏi, ngã, nặng), so `An < Ân < Anh` and `Dung < Đức`.
    """
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", nfc(value).casefold()):
        if unicodedata.combining(ch):
            if ch in _TONES:
                if tones:
                    tones[-1] = _TONES.index(ch) + 1
            elif letters and ch in _MODIFIERS:
                base = _ALPHABET[letters[-1] - _LETTER_OFFSET] if letters[-1] >= _LETTER_OFFSET else ""
                combined = unicodedata.normalize("NFC", base + ch)
                if combined in _ALPHABET:
                    letters[-1] = _ALPHABET.index(combined) + _LETTER_OFFSET
            continue
        if ch == "đ":
            letters.append(_ALPHABET.index("đ") + _LETTER_OFFSET)
        elif ch in _ALPHABET:
            letters.append(_ALPHABET.index(ch) + _LETTER_OFFSET)
        else:
            letters.append(ord(ch) if ord(ch) < _LETTER_OFFSET else ord(ch) + len(_ALPHABET))
        tones.append(0)
    return tuple(letters), tuple(tones)


def given_name_key(full_name: str) -> tuple:
    """Sort key for Vietnamese person names: given name (last word) first, then the rest.

    Vietnamese lists order "Nguyễn Văn An" under A, before "Trần Thị Bình".
    """
    words = nfc(full_name).split()
    if not words:
        return ((), (), ())
    return (collation_key(words[-1]), collation_key(" ".join(words[:-1])), nfc(full_name))


def sort_by_given_name(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """Sort `items` the Vietnamese way by the full name `key(item)` returns."""
    return sorted(items, key=lambda item: given_name_key(key(item)))


def normalize_query(value: str | None, max_length: int = 200) -> str:
    """Clean a search query: NFC, no control characters, single spaces, cut at `max_length`."""
    value = nfc(value)
    value = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C" or ch == " ")
    return _SPACES.sub(" ", value).strip()[:max_length].strip()


# --- tags typed as a comma-separated list (django-taggit's TAGGIT_TAGS_FROM_STRING and
# TAGGIT_STRING_FROM_TAGS point here) -------------------------------------------------------------
TAG_MAX_LENGTH = 100  # taggit's Tag.name
_TAG_QUOTES = "\"'“”‘’«»"


def split_tags(value: str | None) -> list[str]:
    """`an ninh trật tự, tập huấn` → `["an ninh trật tự", "tập huấn"]`.

    Only commas separate tags: Vietnamese words are several syllables apart by spaces, so taggit's
    default (a space separates tags when there is no comma) would cut "an ninh" in two. Quotes
    around a tag (the old edit format) are dropped; spacing and Unicode form are normalised;
    repeats (ignoring case) are kept once. Sorted like taggit's own parser, which its form field
    relies on to tell an unchanged list. A tag longer than taggit stores raises ValueError, which
    taggit's form field turns into a form error.
    """
    tags: list[str] = []
    seen: set[str] = set()
    for part in nfc(value).split(","):
        tag = _SPACES.sub(" ", part.strip().strip(_TAG_QUOTES)).strip()
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValueError(f"tag longer than {TAG_MAX_LENGTH} characters: {tag[:20]}…")
        seen.add(tag.casefold())
        tags.append(tag)
    return sorted(tags)


def join_tags(tags: Iterable) -> str:
    """Tags (or their names) as `an ninh trật tự, tập huấn`, in Vietnamese alphabetical order."""
    names = [getattr(tag, "name", tag) for tag in tags]
    return ", ".join(sorted(names, key=collation_key))
