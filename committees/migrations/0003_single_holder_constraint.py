"""Database-held rules for memberships, and folded search names for existing organisations.

- PostgreSQL: an exclusion constraint (btree_gist) refuses two memberships of a single-holder
  position in one organisation whose [start_date, range_end) ranges overlap.
- SQLite: the same rule as BEFORE INSERT/UPDATE triggers (RAISE(ABORT) is an IntegrityError).
  SQLite drops triggers when a later migration rebuilds the table, so such a migration must
  re-run `create_sqlite_triggers` (tests/committees/test_constraints.py checks they exist).
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "membership_single_holder_no_overlap"

PG_CREATE = f"""
ALTER TABLE committees_membership ADD CONSTRAINT {CONSTRAINT}
EXCLUDE USING gist (
    organization_id WITH =,
    position_id WITH =,
    daterange(start_date, range_end, '[)') WITH &&
) WHERE (exclusive)
"""
PG_DROP = f"ALTER TABLE committees_membership DROP CONSTRAINT IF EXISTS {CONSTRAINT}"

_SQLITE_CHECK = """
WHEN NEW.exclusive AND EXISTS (
    SELECT 1 FROM committees_membership AS m
    WHERE m.organization_id = NEW.organization_id
      AND m.position_id = NEW.position_id
      AND m.exclusive
      AND m.id IS NOT NEW.id
      AND m.start_date < COALESCE(NEW.range_end, '9999-12-31')
      AND NEW.start_date < COALESCE(m.range_end, '9999-12-31')
)
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: membership_single_holder_no_overlap');
END
"""
SQLITE_TRIGGERS = {
    "membership_single_holder_insert": "BEFORE INSERT ON committees_membership",
    "membership_single_holder_update": "BEFORE UPDATE ON committees_membership",
}


def create_sqlite_triggers(schema_editor):
    for name, when in SQLITE_TRIGGERS.items():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(f"CREATE TRIGGER {name} {when} {_SQLITE_CHECK}")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif vendor == "sqlite":
        create_sqlite_triggers(schema_editor)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def fill_search_names(apps, schema_editor):
    from frontcms.text import fold

    Organization = apps.get_model("committees", "Organization")
    for org in Organization.objects.all():
        org.search_name = fold(" ".join(filter(None, [org.name, org.short_name, org.name_en])))
        org.save(update_fields=["search_name"])


class Migration(migrations.Migration):
    dependencies = [("committees", "0002_people_positions_memberships")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(forwards, backwards),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
    ]
