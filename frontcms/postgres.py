"""PostgreSQL-only pieces: the `unaccent` function, and migration operations that are no-ops elsewhere."""

from django.db import migrations
from django.db.models import Func, TextField


class Unaccent(Func):
    """`unaccent(text)` from the unaccent extension: `Đại hội` → `Dai hoi`.

    Calls the IMMUTABLE wrapper that migration frontcms 0004 creates, so that a query's search
    terms are unaccented once, not once per row.
    """

    function = "frontcms_unaccent"
    output_field = TextField()


class RunSQLOnPostgres(migrations.RunSQL):
    """RunSQL that runs only on PostgreSQL (GIN indexes and the like); SQLite skips it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
