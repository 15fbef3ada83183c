"""frontcms.text: slugs, folding, dates, numerals and Vietnamese name order."""

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from frontcms import text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Đại hội đại biểu MTTQ phường Thượng Đình", "dai-hoi-dai-bieu-mttq-phuong-thuong-dinh"),
        ("Đại hội", "dai-hoi"),
        ("Thượng Đình", "thuong-dinh"),
        ("  Tập huấn   nghiệp vụ 2019!  ", "tap-huan-nghiep-vu-2019"),
        ("ặ ổ ữ ơ ư đ", "a-o-u-o-u-d"),
        ("Hội nghị lần thứ 10 – Khóa V", "hoi-nghi-lan-thu-10-khoa-v"),
    ],
)
def test_slugify_folds_vietnamese(value, expected):
    assert text.slugify_vi(value) == expected


def test_slugify_nfd_input_gives_same_slug():
    nfd = unicodedata.normalize("NFD", "Đại hội phường Thượng Đình")
    assert nfd != "Đại hội phường Thượng Đình"
    assert text.slugify_vi(nfd) == "dai-hoi-phuong-thuong-dinh"


@pytest.mark.parametrize("value", ["", "!!!", "…", "   ", "—–"])
def test_slug_of_empty_or_punctuation_is_still_unique_and_non_empty(value):
    taken = {"muc", "muc-2"}
    slug = text.unique_slug(value, lambda s: s in taken)
    assert slug == "muc-3"


def test_unique_slug_adds_counter_and_respects_max_length():
    taken = {"tap-huan"}
    assert text.unique_slug("Tập huấn", lambda s: s in taken) == "tap-huan-2"
    long = "Hội nghị " * 40
    slug = text.unique_slug(long, lambda s: False, max_length=50)
    assert len(slug) <= 50 and not slug.endswith("-")


@pytest.mark.parametrize(
    "value", ["tập huấn", "TẬP HUẤN", "tap huan", unicodedata.normalize("NFD", "Tập Huấn")]
)
def test_fold_makes_accented_and_plain_text_meet(value):
    assert text.fold(value) == "tap huan"


def test_fold_maps_d_stroke_and_stacked_diacritics():
    assert text.fold("Đặng Đình Ổn Ữ") == "dang dinh on u"
    assert text.fold("") == "" and text.fold(None) == ""


def test_nfc_normalises_decomposed_input():
    nfd = unicodedata.normalize("NFD", "Hội nghị")
    assert text.nfc(nfd) == "Hội nghị"
    assert unicodedata.is_normalized("NFC", text.nfc(nfd))


def test_vietnamese_dates():
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    assert text.format_long_date(date(2024, 5, 9)) == "Thứ năm, 09/05/2024"
    assert text.format_long_date(date(2024, 5, 12)) == "Chủ nhật, 12/05/2024"
    assert text.format_datetime(datetime(2019, 7, 23, 15, 27, tzinfo=tz)) == "23/07/2019 15:27"
    # Stored in UTC, shown in Vietnam time.
    utc = datetime(2019, 7, 23, 8, 27, tzinfo=ZoneInfo("UTC"))
    assert text.format_datetime(utc) == "23/07/2019 15:27"
    assert text.format_date(None) == ""


def test_english_dates_for_the_english_pages():
    """Spelt out whatever the server's locale: "1 December 2026", in Vietnam time."""
    assert text.format_date(date(2026, 12, 1), "en") == "1 December 2026"
    assert text.format_long_date(date(2024, 5, 9), "en") == "Thursday, 9 May 2024"
    utc = datetime(2019, 7, 23, 20, 27, tzinfo=ZoneInfo("UTC"))  # 03:27 the next day in Ha Noi
    assert text.format_datetime(utc, "en") == "24 July 2019, 03:27"
    assert text.format_date(None, "en") == ""


def test_without_diacritics_keeps_case_and_folds_d():
    assert text.without_diacritics("Thanh Xuân Bắc") == "Thanh Xuan Bac"
    assert text.without_diacritics(unicodedata.normalize("NFD", "Đống  Đa")) == "Dong Da"


@pytest.mark.parametrize(
    ("number", "roman"),
    [(1, "I"), (4, "IV"), (5, "V"), (9, "IX"), (10, "X"), (14, "XIV"), (2024, "MMXXIV"), (0, "")],
)
def test_roman_numerals(number, roman):
    assert text.to_roman(number) == roman


def test_names_sort_by_given_name_in_vietnamese_alphabet_order():
    names = ["Trần Văn Đức", "Nguyễn Thị Bình", "Lê Văn Dũng", "Phạm Thị Ân", "Hoàng An", "Vũ Thị Anh"]
    assert text.sort_by_given_name(names) == [
        # a < ă < â: "Anh" (a) comes before "Ân" (â); d < đ.
        "Hoàng An",
        "Vũ Thị Anh",
        "Phạm Thị Ân",
        "Nguyễn Thị Bình",
        "Lê Văn Dũng",
        "Trần Văn Đức",
    ]


def test_collation_puts_tones_after_base_letters():
    words = ["bà", "ba", "bá", "bả", "bã", "bạ"]
    assert sorted(words, key=text.collation_key) == ["ba", "bà", "bá", "bả", "bã", "bạ"]


def test_normalize_query_cuts_control_characters_and_length():
    assert text.normalize_query("  tập\x00 huấn\n ") == "tập huấn"
    assert len(text.normalize_query("a" * 1000)) == 200
