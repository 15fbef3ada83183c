"""Vietnamese formats: dd/mm/yyyy and the 24-hour clock, as the public site prints them.

Django's own vi formats write dates as "Ngày 2 tháng 12 năm 2026" (too wide for admin columns) and
leave the input formats to the ISO defaults, so the admin's date inputs showed 2026-12-02. The
first input format of each list is the one widgets and the admin calendar write; the others are
what staff type and are accepted too: 2/12/2026, 02-12-2026, 02.12.2026, 2026-12-02; 14:30,
14:30:05, 14h30, 14h, 14 giờ 30. Names Django does not find here come from
django/conf/locale/vi/formats.py (decimal and thousand separators).
"""

DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
YEAR_MONTH_FORMAT = r"\T\h\á\n\g n/Y"
MONTH_DAY_FORMAT = "d/m"
FIRST_DAY_OF_WEEK = 1  # Monday, as Vietnamese calendars print the week

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 02/12/2026, also 2/12/2026 (strptime accepts one-digit days and months)
    "%d-%m-%Y",  # 02-12-2026
    "%d.%m.%Y",  # 02.12.2026
    "%d/%m/%y",  # 02/12/26
    "%Y-%m-%d",  # 2026-12-02, as pasted from other systems
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 14:30
    "%H:%M:%S",  # 14:30:05
    "%H:%M:%S.%f",
    "%Hh%M",  # 14h30 (also 14H30: strptime ignores case)
    "%Hh",  # 14h
    "%H giờ %M",  # 14 giờ 30
    "%H giờ",  # 14 giờ
]
# A date and a time as above, separated by a space (what a single date-time input accepts).
DATETIME_INPUT_FORMATS = [f"{date} {time}" for date in DATE_INPUT_FORMATS for time in TIME_INPUT_FORMATS]
