from django.db import migrations

from frontcms.postgres import RunSQLOnPostgres

# unaccent() is only STABLE, so PostgreSQL evaluates `plainto_tsquery(unaccent('…'))` again for
# every row it filters. This IMMUTABLE wrapper (the dictionary is named, so the result cannot
# change) is folded to a constant once per query. It calls the extension in whatever schema it
# was installed in.
CREATE_UNACCENT = r"""
DO $$
DECLARE ext_schema text;
BEGIN
    SELECT n.nspname INTO ext_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'unaccent';
    EXECUTE format(
        'CREATE OR REPLACE FUNCTION frontcms_unaccent(text) RETURNS text '
        'LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS %L',
        format('SELECT %I.unaccent(%L::regdictionary, $1)', ext_schema, format('%I.unaccent', ext_schema))
    );
END
$$;
"""


class Migration(migrations.Migration):
    """Faster search on PostgreSQL (see frontcms.search): a covering index and a constant unaccent.

    The index carries the folded title and the filter columns, so the newest-first walk over
    titles (TITLE_WINDOW) is answered from the index alone, without reading the wide rows.
    Neither is needed on SQLite.
    """

    dependencies = [
        ("frontcms", "0003_search_index"),
    ]

    operations = [
        RunSQLOnPostgres(
            "CREATE INDEX frontcms_searchentry_recent_title ON frontcms_searchentry "
            "(date DESC, id DESC) INCLUDE (title_folded, visible_from, kind, organization_id, year);",
            "DROP INDEX IF EXISTS frontcms_searchentry_recent_title;",
        ),
        RunSQLOnPostgres(CREATE_UNACCENT, "DROP FUNCTION IF EXISTS frontcms_unaccent(text);"),
    ]
