from django.db import migrations

from frontcms.postgres import RunSQLOnPostgres


class Migration(migrations.Migration):
    """A covering index for the public events list on PostgreSQL.

    The list counts published events and orders them all (upcoming soonest first, then past
    most recent first) before taking a page of ids; with the times and id in the index, both
    read the index alone instead of every event row. SQLite has no INCLUDE and does not need it.
    """

    dependencies = [
        ("events", "0004_event_views_and_end_indexes"),
    ]

    operations = [
        RunSQLOnPostgres(
            "CREATE INDEX events_event_reader_order ON events_event "
            "(status, published_at) INCLUDE (starts_at, ends_at, id);",
            "DROP INDEX IF EXISTS events_event_reader_order;",
        ),
    ]
