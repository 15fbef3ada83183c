"""Portal-wide Vietnamese search over one index table (frontcms.models.SearchEntry).

Apps register an adapter per model in `AppConfig.ready()`:

    search.register_model(SearchAdapter(model=Article, kind="article", label="Tin tức",
                                        document=article_document, order=10))

`document(obj)` returns a `SearchDocument`, or None when the object must not be found (draft,
unpublished). Saving or deleting the object updates its row. Scheduled items carry
`visible_from` and appear in results by themselves when that time passes.

Matching is word-based and accent-insensitive on text folded by frontcms.text.fold, the same on
both databases, so SQLite and PostgreSQL return the same documents. On PostgreSQL the words are
matched with full-text search (a `simple`-configuration tsvector with a GIN index; the query goes
through `unaccent`), and trigram similarity (pg_trgm) suggests titles when nothing matched. On
SQLite the same folded words are matched as whole words in the folded columns.

Ranking, on both: every word found in the title counts 8, in the summary 4 (a match in the body
only counts 0, so it comes after those); all the words in the title add 4 per word, so such a
document outranks any without them; the whole query found in the title with its exact
diacritics adds 16, folded adds 4; ties go to the most recent document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Case, ExpressionWrapper, IntegerField, Q, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import fold, nfc

MAX_QUERY_WORDS = 8
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass
class SearchDocument:
    title: str
    url: str
    summary: str = ""
    body: str = ""
    date: datetime | None = None
    organization_id: int | None = None
    visible_from: datetime | None = None


@dataclass(frozen=True)
class SearchAdapter:
    model: type
    kind: str
    label: str
    document: Callable[[object], SearchDocument | None]
    order: int = 100


_adapters: dict[str, SearchAdapter] = {}


def register_model(adapter: SearchAdapter) -> None:
    _adapters[adapter.kind] = adapter
    uid = f"frontcms-search-{adapter.kind}"
    post_save.connect(_on_save, sender=adapter.model, dispatch_uid=uid, weak=False)
    post_delete.connect(_on_delete, sender=adapter.model, dispatch_uid=uid, weak=False)


def adapters() -> list[SearchAdapter]:
    return sorted(_adapters.values(), key=lambda a: (a.order, a.kind))


def adapter_for(kind: str) -> SearchAdapter | None:
    return _adapters.get(kind)


def tokens(text: str | None) -> list[str]:
    """Folded words of `text`: `"Đại hội, khóa V!"` → `["dai", "hoi", "khoa", "v"]`."""
    return _TOKEN.findall(fold(text))


def folded_column(text: str | None) -> str:
    """Folded words joined by single spaces, padded so that `" word "` matches whole words."""
    words = tokens(text)
    return f" {' '.join(words)} " if words else ""


# --- writing the index ----------------------------------------------------------------------------
def _adapter_of(obj) -> SearchAdapter | None:
    for adapter in _adapters.values():
        if isinstance(obj, adapter.model):
            return adapter
    return None


def index_object(obj) -> None:
    """Create, refresh or remove the index row of `obj`."""
    from django.contrib.contenttypes.models import ContentType

    from .models import SearchEntry

    adapter = _adapter_of(obj)
    if adapter is None:
        return
    ct = ContentType.objects.get_for_model(type(obj))
    fresh = _entry_for(obj, adapter, ct)
    if fresh is None:
        SearchEntry.objects.filter(content_type=ct, object_id=obj.pk).delete()
        return
    fields = [
        f.name
        for f in SearchEntry._meta.concrete_fields
        if f.name not in {"id", "content_type", "object_id", "search_vector"}
    ]
    entry, _ = SearchEntry.objects.update_or_create(
        content_type=ct, object_id=obj.pk, defaults={name: getattr(fresh, name) for name in fields}
    )
    if connection.vendor == "postgresql":
        _update_vector(SearchEntry.objects.filter(pk=entry.pk))


def _update_vector(queryset) -> None:
    from django.contrib.postgres.search import SearchVector

    queryset.update(
        search_vector=SearchVector("title_folded", weight="A", config="simple")
        + SearchVector("summary_folded", weight="B", config="simple")
        + SearchVector("body_folded", weight="C", config="simple")
    )


def remove_object(obj) -> None:
    from django.contrib.contenttypes.models import ContentType

    from .models import SearchEntry

    ct = ContentType.objects.get_for_model(type(obj))
    SearchEntry.objects.filter(content_type=ct, object_id=obj.pk).delete()


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        index_object(instance)


def _on_delete(sender, instance, **kwargs):
    remove_object(instance)


def _entry_for(obj, adapter: SearchAdapter, content_type):
    from .models import SearchEntry

    doc = adapter.document(obj)
    if doc is None:
        return None
    title, summary, body = nfc(doc.title), nfc(doc.summary), nfc(doc.body)
    return SearchEntry(
        content_type=content_type,
        object_id=obj.pk,
        kind=adapter.kind,
        title=title[:300],
        title_exact=title.casefold()[:300],
        title_folded=folded_column(title),
        summary_folded=folded_column(summary),
        body_folded=folded_column(body),
        excerpt=(summary + " " + body).strip()[:3000],
        url=doc.url,
        date=doc.date,
        year=timezone.localtime(doc.date).year if doc.date else None,
        organization_id=doc.organization_id,
        visible_from=doc.visible_from,
    )


def rebuild(kinds: list[str] | None = None, batch_size: int = 2000) -> int:
    """Re-index every object of the registered models in bulk; returns the number of rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from .models import SearchEntry

    with transaction.atomic():
        for adapter in adapters():
            if kinds and adapter.kind not in kinds:
                continue
            content_type = ContentType.objects.get_for_model(adapter.model)
            SearchEntry.objects.filter(content_type=content_type).delete()
            batch = []
            for obj in adapter.model._default_manager.all().iterator(chunk_size=batch_size):
                entry = _entry_for(obj, adapter, content_type)
                if entry is not None:
                    batch.append(entry)
                if len(batch) >= batch_size:
                    SearchEntry.objects.bulk_create(batch)
                    batch = []
            SearchEntry.objects.bulk_create(batch)
        if connection.vendor == "postgresql":
            _update_vector(SearchEntry.objects.all())
    return SearchEntry.objects.count()


# --- querying -------------------------------------------------------------------------------------
@dataclass
class ParsedQuery:
    text: str  # NFC, cleaned
    words: list[str]  # folded, unique, at most MAX_QUERY_WORDS

    @property
    def is_empty(self) -> bool:
        return not self.words


def parse_query(text: str) -> ParsedQuery:
    words: list[str] = []
    for word in tokens(text):
        if word not in words:
            words.append(word)
    return ParsedQuery(text=nfc(text).strip(), words=words[:MAX_QUERY_WORDS])


# A query over a large portal can match tens of thousands of documents. Ranking them all would
# read every one; instead only a bounded candidate set is ranked: the CANDIDATES most recent
# documents with every word in the title (so an old but exactly titled document is still found)
# and, when there are fewer of those, also the CANDIDATES most recent matches anywhere. Every word
# in the title outranks words found only in the summary or body, so when the title alone fills
# the candidate set the body matches could only have come after it: at most 2 × CANDIDATES
# results, 50 pages. The same rule on both databases keeps their results identical.
CANDIDATES = 500
# On PostgreSQL the title matches are first looked for among this many most recent documents,
# read from a covering index in date order (frontcms_searchentry_recent_title, no table rows);
# only a query whose title matches are rarer than that falls back on the trigram index.
TITLE_WINDOW = 20000


def search(query: ParsedQuery, kind: str = "", organization_id: int | None = None, year: int | None = None):
    """SearchEntry queryset of visible documents matching every word, best first."""
    from .models import SearchEntry

    now = timezone.now()
    qs = SearchEntry.objects.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now))
    if kind:
        qs = qs.filter(kind=kind)
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if year:
        qs = qs.filter(year=year)
    if query.is_empty:
        return qs.none()
    # Two small id lists instead of one OR of subqueries, which would defeat the primary key index.
    ids = set(_recent_title_matches(qs, query.words))
    if len(ids) < CANDIDATES:
        ids.update(_recent_matches(qs, query.words))
    candidates = SearchEntry.objects.filter(pk__in=sorted(ids))

    score = Value(0)
    every_word_in_title = Q()
    for word in query.words:
        needle = f" {word} "
        every_word_in_title &= Q(title_folded__contains=needle)
        score = score + Case(When(title_folded__contains=needle, then=Value(8)), default=Value(0))
        score = score + Case(When(summary_folded__contains=needle, then=Value(4)), default=Value(0))
    # Every word in the title outranks any mix of title and summary words (at most 8(n-1) + 4n),
    # which is what lets the title matches alone fill the candidate set.
    title_bonus = 4 * len(query.words)
    score = score + Case(When(every_word_in_title, then=Value(title_bonus)), default=Value(0))
    exact = query.text.casefold()
    folded_phrase = f" {' '.join(query.words)} "
    score = score + Case(When(title_exact__contains=exact, then=Value(16)), default=Value(0))
    score = score + Case(When(title_folded__contains=folded_phrase, then=Value(4)), default=Value(0))
    return (
        candidates.defer("title_folded", "summary_folded", "body_folded", "search_vector")
        .annotate(rank=ExpressionWrapper(score, output_field=IntegerField()))
        .order_by("-rank", "-date", "-pk")
    )


def _recent_title_matches(qs, words: list[str]) -> list[int]:
    """Ids of the CANDIDATES most recent documents of `qs` with every word in the title."""
    if connection.vendor == "postgresql":
        ids = _title_matches_in_window(qs, words)
        if len(ids) == CANDIDATES:
            return ids
    in_title = qs
    for word in words:
        # Whole words in the folded title; on PostgreSQL the trigram GIN index serves this LIKE.
        in_title = in_title.filter(title_folded__contains=f" {word} ")
    return list(in_title.order_by("-date", "-pk").values_list("pk", flat=True)[:CANDIDATES])


def _title_matches_in_window(qs, words: list[str]) -> list[int]:
    """The most recent title matches among the TITLE_WINDOW most recent documents of `qs`.

    When this finds CANDIDATES of them they are exactly the most recent title matches overall.
    A derived table keeps PostgreSQL from pushing the LIKE below the LIMIT, where it would
    estimate the words as independent and pick the trigram index, reading thousands of wide rows.
    Words are folded `[a-z0-9]+` tokens and go in as parameters.
    """
    window = qs.order_by("-date", "-pk").values_list("pk", "date", "title_folded")[:TITLE_WINDOW]
    sql, params = window.query.sql_with_params()
    like = " AND ".join(["recent.title_folded LIKE %s"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT recent.id FROM ({sql}) AS recent (id, date, title_folded) WHERE {like} "  # noqa: S608 - no user text in SQL
            "ORDER BY recent.date DESC, recent.id DESC LIMIT %s",
            [*params, *(f"% {word} %" for word in words), CANDIDATES],
        )
        return [row[0] for row in cursor.fetchall()]


def _recent_matches(qs, words: list[str]) -> list[int]:
    """Ids of the CANDIDATES most recent documents of `qs` with every word anywhere."""
    return list(_matching(qs, words).order_by("-date", "-pk").values_list("pk", flat=True)[:CANDIDATES])


def _matching(qs, words: list[str]):
    """The rows of `qs` with every word in the title, summary or body."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        from .postgres import Unaccent

        return qs.filter(search_vector=SearchQuery(Unaccent(Value(" ".join(words))), config="simple"))
    for word in words:
        needle = f" {word} "
        qs = qs.filter(
            Q(title_folded__contains=needle)
            | Q(summary_folded__contains=needle)
            | Q(body_folded__contains=needle)
        )
    return qs


def object_ids_matching(kind: str, text: str):
    """A subquery of the ids of `kind` objects whose indexed text has every word of `text`.

    For the keyword filter of list pages (events, documents): accent-insensitive and word-based
    like search, through the same indexes. None when `text` holds no word.
    """
    from .models import SearchEntry

    query = parse_query(text)
    if query.is_empty:
        return None
    return _matching(SearchEntry.objects.filter(kind=kind), query.words).values("object_id")


def suggestions(query: ParsedQuery, limit: int = 5) -> list[str]:
    """Titles close to a query that found nothing (PostgreSQL trigram similarity); [] on SQLite."""
    if query.is_empty or connection.vendor != "postgresql":
        return []
    from django.contrib.postgres.search import TrigramSimilarity

    from .models import SearchEntry

    phrase = " ".join(query.words)
    now = timezone.now()
    return list(
        SearchEntry.objects.filter(Q(visible_from__isnull=True) | Q(visible_from__lte=now))
        .annotate(similarity=TrigramSimilarity("title_folded", phrase))
        .filter(similarity__gt=0.25)
        .order_by("-similarity")
        .values_list("title", flat=True)[:limit]
    )


def highlight(text: str, query: ParsedQuery, width: int = 240) -> SafeString:
    """An escaped excerpt of `text` around the first match, with matched words in <mark>."""
    text = " ".join(nfc(text).split())
    if not text:
        return mark_safe("")  # noqa: S308 - constant empty string
    # Fold character by character so that positions in the folded text map back to `text`.
    folded = "".join((fold(ch) or " ")[:1] if not ch.isspace() else " " for ch in text)
    spans = []
    for word in query.words:
        for match in re.finditer(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", folded):
            spans.append((match.start(), match.end()))
    spans.sort()
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    parts = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text above is escaped
