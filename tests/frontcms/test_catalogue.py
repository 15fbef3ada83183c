"""The Vietnamese message catalogue is committed and compiled from the current .po file."""

import gettext
import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


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
