"""Secret preview links: let someone without an account read a draft, for a limited time."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

PREVIEW_SALT = "news.article.preview"
PREVIEW_MAX_AGE = 7 * 24 * 3600  # seconds; an older link is a 404


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=PREVIEW_SALT)


def make_token(article) -> str:
    return _signer().sign(str(article.pk))


def preview_url(article) -> str:
    return reverse("news:preview", kwargs={"token": make_token(article)})


def article_id_from_token(token: str, max_age: int = PREVIEW_MAX_AGE) -> int | None:
    """The article id a token was made for, or None when it is forged, malformed or expired."""
    try:
        value = _signer().unsign(token, max_age=max_age)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return int(value) if value.isdigit() else None
