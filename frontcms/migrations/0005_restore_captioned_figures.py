"""Captioned photos stored before image2's class was kept get it back (see frontcms.richtext_repair)."""

from functools import partial

from django.db import migrations

from frontcms.richtext_repair import repair_rich_text


class Migration(migrations.Migration):
    dependencies = [
        ("frontcms", "0004_search_recent_title_index"),
        # Earlier revisions tell which flattened photo had which caption.
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.RunPython(partial(repair_rich_text, app_label="frontcms"), migrations.RunPython.noop),
    ]
