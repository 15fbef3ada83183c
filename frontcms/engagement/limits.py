"""Per-address limits of reader engagement (frontcms.ratelimit counters, settings in settings.py).

Every limit is keyed on the hashed client address (frontcms.engagement.privacy.client_hash), never
on the User-Agent, which a script changes at will, and never on a cookie alone, which a script can
drop or invent. The numbers are set so that many readers behind one carrier-grade NAT can still
take part (README, "Security").
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from frontcms.ratelimit import Limit, exceeded, hit

from . import privacy

HOUR = 3600
DAY = 24 * HOUR


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def vote_allowed(request: HttpRequest, target: str) -> bool:
    """One more rating or poll vote from this address, on `target` ("poll:7", "news.article:12")."""
    address = privacy.client_hash(request)
    return hit(
        Limit("vote-object", f"{target}:{address}", _setting("ENGAGEMENT_VOTES_PER_OBJECT_PER_DAY", 5), DAY),
        Limit("vote", address, _setting("ENGAGEMENT_VOTES_PER_HOUR", 40), HOUR),
    )


def view_allowed(request: HttpRequest, target: str) -> bool:
    """One more counted view of `target` from this address today."""
    address = privacy.client_hash(request)
    return hit(Limit("view", f"{target}:{address}", _setting("ENGAGEMENT_VIEWS_PER_OBJECT_PER_DAY", 20), DAY))


def _visits(request: HttpRequest) -> Limit:
    return Limit("visit", privacy.client_hash(request), _setting("ENGAGEMENT_VISITS_PER_DAY", 100), DAY)


def visits_exhausted(request: HttpRequest) -> bool:
    """Whether this address has already brought its day's share of new visitors."""
    return exceeded(_visits(request))


def count_visitor(request: HttpRequest) -> bool:
    """Count one new visitor from this address; False once over the day's share."""
    return hit(_visits(request))


def comment_allowed(request: HttpRequest) -> bool:
    minutes = _setting("ENGAGEMENT_COMMENT_RATE_MINUTES", 10)
    return hit(
        Limit("comment", privacy.client_hash(request), _setting("ENGAGEMENT_COMMENT_RATE", 3), minutes * 60)
    )


def feedback_allowed(request: HttpRequest) -> bool:
    minutes = _setting("ENGAGEMENT_FEEDBACK_RATE_MINUTES", 60)
    return hit(
        Limit("feedback", privacy.client_hash(request), _setting("ENGAGEMENT_FEEDBACK_RATE", 5), minutes * 60)
    )
