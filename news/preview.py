"""Secret preview links: let someone without an account read a draft, for a limited time.

A link is a timestamped signature of the article's id, under a key that includes the article's
`preview_generation`. Revoking the links of an article (the admin action "Thu hồi liên kết xem
trước") moves its generation on, so every link made before stops working; a link to an archived
or deleted article does not work either.
"""

from __future__ import annotations

from django.core import signing
from django.db.models import F
from django.urls import reverse

from frontcms.publishing import Status

PREVIEW_SALT = "news.article.preview"
PREVIEW_MAX_AGE = 7 * 24 * 3600  # seconds; an older link is a 404


def _signer(generation: int) -> signing.TimestampSigner:
    # Generation 0 keeps the salt links were made with before links could be revoked.
    return signing.TimestampSigner(salt=f"{PREVIEW_SALT}:{generation}" if generation else PREVIEW_SALT)


def make_token(article) -> str:
    return _signer(article.preview_generation).sign(str(article.pk))


def preview_url(article) -> str:
    return reverse("news:preview", kwargs={"token": make_token(article)})


def path_prefix() -> str:
    """Where preview links live (for robots.txt)."""
    return reverse("news:preview", kwargs={"token": "-"}).removesuffix("-/")


def article_from_token(token: str, queryset, max_age: int = PREVIEW_MAX_AGE):
    """The article (from `queryset`) a token opens, or None: forged, malformed, expired, revoked,
    archived or deleted."""
    value = token.split(":", 1)[0]
    if not value.isdigit() or len(value) > 18:
        return None
    article = queryset.exclude(status=Status.ARCHIVED).filter(pk=int(value)).first()
    if article is None:
        return None
    try:
        _signer(article.preview_generation).unsign(token, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return article


def revoke_preview_links(queryset) -> int:
    """Stop every preview link made so far for these articles; the number of articles."""
    return queryset.update(preview_generation=F("preview_generation") + 1)
