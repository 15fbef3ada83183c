"""The Vietnamese message catalogue is committed and compiled from the current .po file."""

import gettext
import re
from pathlib import Path

from django.conf import settings

from tests.po_files import read_po

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
EN_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_compiled_catalogue_holds_every_message_of_the_po_file():
    po_text = PO.read_text(encoding="utf-8")
    # A fuzzy entry is a guessed (usually wrong) translation that compilemessages leaves out.
    assert not re.search(r"^#,.*\bfuzzy\b", po_text, flags=re.M), "fuzzy entries in django.po"
    po_ids = set(re.findall(r'^msgid "(.+)"$', po_text, flags=re.M))
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    compiled = {key if isinstance(key, str) else key[0] for key in catalog}
    missing = {m for m in po_ids if m.replace('\\"', '"') not in compiled}
    assert len(po_ids) > 300
    assert not missing, f"django.mo is stale; run scripts/update-catalogue.sh ({len(missing)} missing)"
    assert catalog[""].startswith("Project-Id-Version: FrontCMS")


def _compiled(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_every_catalogue_under_locale_is_compiled_and_current():
    """The hand-kept catalogue of third-party strings (locale/thirdparty) and the English one
    (locale/en, where untranslated entries stay out of the .mo and show in Vietnamese) included."""
    catalogues = sorted((Path(settings.BASE_DIR) / "locale").rglob("*.po"))
    assert PO in catalogues and EN_PO in catalogues and len(catalogues) >= 4
    for po in catalogues:
        text = po.read_text(encoding="utf-8")
        translated = {e.msgid for e in read_po(po) if e.translated}
        compiled = {  # "context\x04msgid" for an entry with a msgctxt
            (key if isinstance(key, str) else key[0]).split("\x04")[-1]
            for key in _compiled(po.with_suffix(".mo"))
        }
        assert translated, po
        missing = translated - compiled
        assert not missing, f"{po.with_suffix('.mo')} is stale; run scripts/update-catalogue.sh"
        assert "#, fuzzy" not in text, f"{po} has guessed translations, left out of the .mo"


def test_english_catalogue_has_english_headers_and_plurals_and_no_copied_vietnamese():
    """msgids are Vietnamese; an English translation is never a copy of one (msgen must not run
    on locale/en) and keeps the msgid's placeholders."""
    text = EN_PO.read_text(encoding="utf-8")
    assert '"Language: en\\n"' in text and "nplurals=2; plural=(n != 1);" in text
    assert "charset=UTF-8" in text
    entries = read_po(EN_PO)
    copies = [e.msgid for e in entries if e.translated and e.msgstrs[0] == e.msgid]
    assert not copies, f"English entries copied from the Vietnamese msgid: {copies}"
    placeholders = re.compile(r"%\(\w+\)[sd]|\{\{ *\w+ *\}\}")
    for entry in (e for e in entries if e.translated):
        wanted = sorted(placeholders.findall(entry.msgid))
        for msgstr in entry.msgstrs:
            assert sorted(set(placeholders.findall(msgstr))) == sorted(set(wanted)), entry.msgid


def test_hand_kept_third_party_catalogue_translates_every_entry():
    po = Path(settings.BASE_DIR) / "locale" / "thirdparty" / "vi" / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    assert not re.search(r'^msgstr(\[0\])? ""\n\n', text.split("\n\n", 1)[1], flags=re.M)
    assert Path(settings.LOCALE_PATHS[1]) == po.parents[2], "listed in LOCALE_PATHS after the project's"


def test_english_msgids_of_the_project_do_not_shadow_vietnamese_from_django_or_the_apps():
    """An English msgid copied as English (msgen) would win over Django's Vietnamese: "Home" stayed
    "Home" in the revision pages' breadcrumbs. The update script fills them from those catalogues."""
    import django
    from django.apps import apps

    others = [Path(settings.LOCALE_PATHS[1]) / "vi" / "LC_MESSAGES" / "django.mo"]
    others += [
        Path(app.path) / "locale" / "vi" / "LC_MESSAGES" / "django.mo" for app in apps.get_app_configs()
    ]
    others.append(Path(django.__file__).parent / "conf" / "locale" / "vi" / "LC_MESSAGES" / "django.mo")
    upstream: dict = {}
    for mo in reversed([mo for mo in others if mo.exists()]):
        upstream.update(_compiled(mo))  # the first catalogue wins, as in Django
    copies = {key for key, value in _compiled(MO).items() if value == key and key}
    shadowed = sorted(str(key) for key in copies if upstream.get(key, key) != key)
    assert not shadowed, f"English copies hide Vietnamese translations: {shadowed}"


def test_djangos_vietnamese_as_the_portal_serves_it_puts_no_space_before_punctuation():
    """Upstream's admin said "Đã xóa thành công 2 bài viết ." (locale/thirdparty overrides it)."""
    import re
    from pathlib import Path

    import django
    from django.utils import translation
    from django.utils.translation import gettext

    from tests.po_files import read_po

    root = Path(django.__file__).parent
    found = []
    with translation.override("vi"):
        for path in [
            *root.glob("contrib/*/locale/vi/LC_MESSAGES/django.po"),
            root / "conf/locale/vi/LC_MESSAGES/django.po",
        ]:
            for entry in read_po(path):
                if entry.plural or entry.msgctxt:
                    continue
                shown = gettext(entry.msgid)
                if re.search(r"\s[.,:;!?](\s|$)", shown):
                    found.append(f"{entry.msgid!r} → {shown!r}")
    assert not found, "\n".join(found)
