"""`python manage.py rebuild_search_index [--kind article …]`: re-create the search index from the content."""

from django.core.management.base import BaseCommand, CommandError

from frontcms import search


class Command(BaseCommand):
    help = "Tạo lại chỉ mục tìm kiếm từ nội dung hiện có."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", help="only this kind (article, event, page, person)")

    def handle(self, *args, kind=None, **options):
        known = {a.kind for a in search.adapters()}
        unknown = set(kind or []) - known
        if unknown:
            raise CommandError(
                f"Unknown kind(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
            )
        count = search.rebuild(kinds=kind)
        self.stdout.write(f"Search index: {count} entries.")
