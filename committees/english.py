"""English names of organisations, for the English pages under /en/ (Decree 42/2022/NĐ-CP).

An organisation's `name_en` wins when staff fill it in. Otherwise the name is derived from the
Vietnamese one by the pattern of the Front's official English names, for the kinds that have one:

- ward committee: "Viet Nam Fatherland Front Committee of Khuong Dinh Ward" (a commune: "… of
  Dong Anh Commune", a township "… Township"; a numbered ward: "… of Ward 5");
- district committee: "Viet Nam Fatherland Front Committee of Thanh Ha District" (a town or a
  city at district level: "… Town", "… City");
- standing board: "Standing Board of the Viet Nam Fatherland Front Committee of Thanh Ha District";
- people's inspection board: "People's Inspection Board of Khuong Dinh Ward";
- residential-area Front work board: "Front Work Board of Residential Area No. 1, Khuong Dinh Ward".

Place names lose their diacritics ("Thanh Xuân Bắc" → "Thanh Xuan Bac"), as official English
names write them. Member organisations, advisory councils and other bodies have no such pattern
(their English names are their own: "Women's Union of …"), nor has a name the pattern cannot read:
those show the Vietnamese name followed by the English name of their kind, "Hội đồng tư vấn Kinh
tế (Advisory council)" (Organization.english_name; the kind's name from locale/en).
"""

from __future__ import annotations

import re

from frontcms.text import nfc, without_diacritics

FRONT_COMMITTEE = "Viet Nam Fatherland Front Committee"


class Units:
    """Vietnamese words for a kind of place and their English ones: finds `phường Khương Đình`
    (or `phường 5`, `khu dân cư số 1`) in a name and says it in English."""

    def __init__(self, words: dict[str, str], number_prefix: str = ""):
        self.words = words
        self.number_prefix = number_prefix  # "No. " for "Residential Area No. 1"
        # Longest words first, so that "thị xã" is found before "xã".
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!\w)({alternatives})\s+(?:số\s+)?([^,;()]+)", re.IGNORECASE)

    def find(self, name: str) -> tuple[str, int]:
        """("Khuong Dinh Ward", where the match ends) for the first such place in `name`, or ("", 0)."""
        found = self.pattern.search(nfc(name))
        if not found:
            return "", 0
        word = self.words[found.group(1).lower()]
        place = " ".join(w[:1].upper() + w[1:] for w in without_diacritics(found.group(2)).split())
        place = place.strip(" .-–")
        if not place:
            return "", 0
        if place[0].isdigit():  # "phường 5" is "Ward 5"
            return f"{word} {self.number_prefix}{place}", found.end()
        return f"{place} {word}", found.end()


WARD = Units({"phường": "Ward", "xã": "Commune", "thị trấn": "Township"})
DISTRICT = Units({"quận": "District", "huyện": "District", "thị xã": "Town", "thành phố": "City"})
ANY_UNIT = Units({**WARD.words, **DISTRICT.words})
AREA = Units(
    {"khu dân cư": "Residential Area", "tổ dân phố": "Residential Group", "thôn": "Village", "ấp": "Hamlet"},
    number_prefix="No. ",
)


def derived_name(name: str, kind: str, parent_english_name: str = "") -> str:
    """The English name the official pattern gives an organisation of `kind` called `name`, or ""
    when its kind has no pattern or the name does not say where it is."""
    if kind in ("ward", "district"):
        place, _end = (WARD if kind == "ward" else DISTRICT).find(name)
        return f"{FRONT_COMMITTEE} of {place}" if place else ""
    if kind == "standing_board":
        place, _end = ANY_UNIT.find(name)
        if place:
            return f"Standing Board of the {FRONT_COMMITTEE} of {place}"
        # "Ban Thường trực" alone: the board of its parent committee.
        return f"Standing Board of the {parent_english_name}" if parent_english_name else ""
    if kind == "inspection_board":
        place, _end = ANY_UNIT.find(name)
        return f"People's Inspection Board of {place}" if place else ""
    if kind == "residential_board":
        area, end = AREA.find(name)
        if not area:
            return ""
        place, _end = ANY_UNIT.find(name[end:])
        return f"Front Work Board of {area}" + (f", {place}" if place else "")
    return ""
