"""Reader engagement endpoints.

Article and event pages are cached whole for anonymous readers, so they carry no CSRF token and
no captcha: views are counted by an image (`view_pixel`), the comment form has a page of its own,
and the rating and poll forms post to CSRF-exempt endpoints (see their docstrings).
"""

from __future__ import annotations

import base64
import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import FormView, TemplateView

from frontcms.origin import same_site_only

from . import api, limits, privacy
from .blocks import rating_block_html
from .forms import CommentForm, FeedbackForm, RatingForm, VoteForm
from .mail import send_feedback_mail
from .models import Comment, Poll, PollVote, Rating

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
VISIT_COOKIE = "fc_visit"


def _pixel_response() -> HttpResponse:
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, max-age=0"
    return response


def _pixel(request, count) -> HttpResponse:
    """The 1×1 GIF. A GET from a reader (not a bot) also runs `count(request, visitor)` and
    records the visit (not for staff). The reader gets a visitor cookie, so that readers sharing
    one address (a carrier NAT, an office) are told apart from their next page on. A HEAD
    counts nothing."""
    response = _pixel_response()
    if request.method != "GET" or privacy.is_bot(request):
        return response
    visitor = privacy.visitor_id(request)
    count(request, visitor)  # staff previewing are left out by api.count_view itself
    if getattr(request.user, "is_staff", False):
        return response
    _record_visit(request, response, visitor)
    if visitor[1]:
        privacy.remember_visitor(response, request, visitor[0])
    return response


def _record_visit(request, response, visitor: tuple[str, bool]) -> None:
    """A visit is the first pixel of a reader (privacy.reader_keys) on a local day. An address
    brings at most ENGAGEMENT_VISITS_PER_DAY new visitors a day, so a script that invents
    cookies cannot inflate the figures (nor "online now") beyond that."""
    if limits.visits_exhausted(request):
        return
    keys = privacy.reader_keys(request, *visitor)
    api.record_online(keys)
    today = timezone.localdate()
    if request.COOKIES.get(VISIT_COOKIE) == today.isoformat():
        return
    if api.first_in_window(f"visit:{today.isoformat()}", keys, 36 * 3600) and limits.count_visitor(request):
        api.record_visit(today)
    midnight = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min)
    )
    response.set_cookie(
        VISIT_COOKIE,
        today.isoformat(),
        expires=midnight,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


@never_cache
@require_safe
def view_pixel(request, ct_id: int, object_id: int):
    """Counts one view of the object (see api.count_view) and the visit; always a 1×1 GIF."""
    model = api.resolve_target_model(ct_id)
    if model is None:
        raise Http404
    return _pixel(request, lambda req, visitor: api.count_view(req, model, object_id, visitor))


@never_cache
@require_safe
def visit_pixel(request):
    """Counts the visit from any page (the statistics block carries this image)."""
    return _pixel(request, lambda req, visitor: None)


@never_cache
@require_safe
def visitor_stats_json(request):
    """Fresh figures for the statistics block of a page that came from the page cache."""
    return JsonResponse(api.visitor_stats())


VIEW_COUNTS_LIMIT = 20


@never_cache
@require_safe
def view_counts_json(request):
    """Fresh view counts for a page that came from the page cache: `?muc=<ct>-<id>` (repeated,
    at most VIEW_COUNTS_LIMIT) gives `{"<ct>-<id>": views}` for the public ones (one query per
    kind of object). Counting a view invalidates no cached page; this is how readers see it."""
    wanted: dict[int, set[int]] = {}
    for item in request.GET.getlist("muc")[:VIEW_COUNTS_LIMIT]:
        ct_id, _sep, object_id = item.partition("-")
        if ct_id.isdigit() and object_id.isdigit() and len(ct_id) < 10 and len(object_id) < 19:
            wanted.setdefault(int(ct_id), set()).add(int(object_id))
    counts = {}
    for ct_id, ids in wanted.items():
        model = api.resolve_target_model(ct_id)
        if model is not None:
            rows = api.public_queryset(model).filter(pk__in=ids).values_list("pk", "view_count")
            counts.update({f"{ct_id}-{pk}": views for pk, views in rows})
    return JsonResponse(counts)


# --- comments -------------------------------------------------------------------------------------
def _target_or_404(ct_id: int, object_id: int):
    obj = api.get_target(ct_id, object_id)
    if obj is None:
        raise Http404
    return obj


class CommentView(FormView):
    """The comment form of one object, on a page of its own (CSRF token and captcha, never cached)."""

    template_name = "engagement/comment_form.html"
    form_class = CommentForm
    shown_comments = 50

    def dispatch(self, request, *args, **kwargs):
        self.target = _target_or_404(kwargs["ct_id"], kwargs["object_id"])
        self.is_open = api.comments_open(self.target)
        if request.method == "POST" and not self.is_open:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        comment = form.save(commit=False)
        comment.content_object = self.target
        comment.client_hash = privacy.client_hash(self.request)
        comment.save()
        return HttpResponseRedirect(f"{self.request.path}?{urlencode({'da-gui': 1})}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            target=self.target,
            is_open=self.is_open,
            submitted="da-gui" in self.request.GET,
            comments=list(
                Comment.objects.approved()
                .for_object(self.target)
                .order_by("-created_at")[: self.shown_comments]
            ),
            breadcrumbs=[(str(self.target), self.target.get_absolute_url()), (_("Ý kiến bạn đọc"), None)],
        )
        return context


# --- ratings and votes ----------------------------------------------------------------------------
def refuse_cross_site(request, *args, **kwargs):
    """403 for a rating or vote posted by a page of another site (frontcms.origin)."""
    return render(
        request,
        "engagement/refused.html",
        {
            "title": _("Không ghi nhận yêu cầu"),
            "message": _(
                "Yêu cầu này được gửi từ một trang web khác nên không được ghi nhận. "
                "Nếu bạn muốn đánh giá hoặc bình chọn, hãy mở trang của cổng thông tin và gửi lại."
            ),
        },
        status=403,
    )


def _store_vote(request, create, target: str, already: models.QuerySet, is_new: bool) -> str:
    """Store one rating or vote: the outcome shown to the reader.

    One per visitor cookie (its hash is unique per object in the database). A browser without the
    cookie, or with a new one, is a new visitor, so the address's limits decide: a few per object
    a day and a cap an hour across the portal (frontcms.engagement.limits). A visitor given a
    cookie just now cannot have voted yet: only a returning one is looked up."""
    if not is_new and already.exists():
        return "da-ton-tai"
    if not limits.vote_allowed(request, target):
        return "qua-nhieu"
    try:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():  # a savepoint: a duplicate must not break the outer transaction
                create()
        else:
            # On its own, the INSERT is its own transaction: what it shows is invalidated once
            # (frontcms.cache.invalidate moves the tags again at commit only inside a transaction).
            create()
    except IntegrityError:
        return "da-ton-tai"
    return "cam-on"


@csrf_exempt
@require_POST
@same_site_only(refuse_cross_site)
def rate(request, ct_id: int, object_id: int):
    """Store a 1–5 rating and go back to the object (POST-redirect-GET, works without JavaScript);
    posted by engagement.js (`X-Requested-With: XMLHttpRequest`), answer the updated rating block.

    CSRF-exempt on purpose: the article page that holds this form is served from the page cache and
    must not carry a per-visitor token. Nothing a session could authorise is at stake (a rating
    needs no login); POSTs that a browser marks as sent by another site are refused, and one
    rating per visitor plus the per-address limits hold whoever sends it.
    """
    target = api.rating_target(ct_id, object_id)
    if target is None:
        raise Http404
    form = RatingForm(request.POST)
    visitor, is_new = privacy.visitor_id(request)
    outcome = "loi"
    if form.is_valid():
        voter = privacy.voter_hash(visitor)
        outcome = _store_vote(
            request,
            lambda: Rating.objects.create(
                content_type_id=ct_id,
                object_id=target.pk,
                score=form.cleaned_data["score"],
                voter_hash=voter,
                client_hash=privacy.client_hash(request),
            ),
            f"{ct_id}.{target.pk}",
            Rating.objects.filter(content_type_id=ct_id, object_id=target.pk, voter_hash=voter),
            is_new,
        )
    outcome = {"da-ton-tai": "da-danh-gia"}.get(outcome, outcome)
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        # engagement.js posted it: the block alone, with its new figures and the notice, replaces
        # the one on the page (no reload, and no page rendered for one reader).
        response = HttpResponse(rating_block_html(target, ct_id, outcome))
        patch_cache_control(response, private=True, no_store=True)
    else:
        response = HttpResponseRedirect(f"{target.url}?{urlencode({'danh-gia': outcome})}#danh-gia")
    if is_new:
        privacy.remember_visitor(response, request, visitor)
    return response


# --- polls ----------------------------------------------------------------------------------------
def poll_results(poll: Poll) -> tuple[list, int]:
    """Choices with `votes` and `percent`, and the total number of votes (one query)."""
    choices = list(poll.choices.annotate(vote_count=Count("votes")))
    total = sum(c.vote_count for c in choices)
    for choice in choices:
        choice.percent = round(100 * choice.vote_count / total, 1) if total else 0
    return choices, total


def _has_voted(request, poll: Poll) -> bool:
    visitor = request.COOKIES.get(privacy.VISITOR_COOKIE)
    if not visitor:
        return False
    return PollVote.objects.filter(poll=poll, voter_hash=privacy.voter_hash(visitor)).exists()


class PollView(TemplateView):
    """Results as an accessible bar chart, with the voting form while the poll is open.

    Private (whether this visitor voted), so never page-cached: the figures are always current
    and a vote invalidates nothing."""

    template_name = "engagement/poll_detail.html"

    def get(self, request, *args, **kwargs):
        self.poll = get_object_or_404(Poll.objects.visible(), pk=kwargs["pk"])
        response = super().get(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choices, total = poll_results(self.poll)
        voted = _has_voted(self.request, self.poll)
        context.update(
            poll=self.poll,
            choices=choices,
            total=total,
            voted=voted,
            notice=self.request.GET.get("ket-qua", ""),
            show_form=self.poll.is_open and not voted,
            breadcrumbs=[(_("Khảo sát"), None)],
        )
        return context


@csrf_exempt
@require_POST
@same_site_only(refuse_cross_site)
def vote(request, pk: int):
    """Store one vote and show the results (POST-redirect-GET, works without JavaScript).

    CSRF-exempt for the same reason as `rate`: the sidebar form sits on page-cached pages; a vote
    needs no session privilege. Cross-site POSTs are refused; one vote per visitor cookie and the
    per-address limits hold, as for ratings. Votes outside the poll's dates are refused.
    """
    poll = get_object_or_404(Poll.objects.visible(), pk=pk)
    visitor, is_new = privacy.visitor_id(request)
    if not poll.is_open:
        outcome = "da-dong"
    else:
        form = VoteForm(request.POST, poll=poll)
        outcome = "loi"
        if form.is_valid():
            voter = privacy.voter_hash(visitor)
            outcome = _store_vote(
                request,
                lambda: PollVote.objects.create(
                    poll=poll,
                    choice=form.cleaned_data["choice"],
                    voter_hash=voter,
                    client_hash=privacy.client_hash(request),
                ),
                f"poll.{poll.pk}",
                PollVote.objects.filter(poll=poll, voter_hash=voter),
                is_new,
            )
    outcome = {"da-ton-tai": "da-binh-chon"}.get(outcome, outcome)
    response = HttpResponseRedirect(f"{poll.get_absolute_url()}?{urlencode({'ket-qua': outcome})}")
    if is_new:
        privacy.remember_visitor(response, request, visitor)
    return response


# --- feedback -------------------------------------------------------------------------------------
FEEDBACK_SALT = "frontcms.engagement.feedback"


class FeedbackView(FormView):
    template_name = "engagement/feedback_form.html"
    form_class = FeedbackForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        feedback = form.save(commit=False)
        feedback.client_hash = privacy.client_hash(self.request)
        feedback.save()
        send_feedback_mail(feedback)
        token = signing.dumps(feedback.pk, salt=FEEDBACK_SALT)
        return HttpResponseRedirect(reverse("engagement:feedback_thanks", kwargs={"token": token}))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "breadcrumbs": [(_("Góp ý"), None)]}


@never_cache
def feedback_thanks(request, token: str):
    from .models import Feedback

    try:
        pk = signing.loads(token, salt=FEEDBACK_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        raise Http404 from None
    feedback = get_object_or_404(Feedback, pk=pk)
    return render(
        request,
        "engagement/feedback_thanks.html",
        {
            "feedback": feedback,
            "breadcrumbs": [(_("Góp ý"), reverse("engagement:feedback")), (_("Đã gửi"), None)],
        },
    )
