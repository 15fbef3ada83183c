"""Reader engagement endpoints.

Article and event pages are cached whole for anonymous readers, so they carry no CSRF token and
no captcha: views are counted by an image (`view_pixel`), the comment form has a page of its own,
and the rating and poll forms post to CSRF-exempt endpoints (see their docstrings).
"""

from __future__ import annotations

import base64
import datetime

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView

from . import api, privacy
from .forms import CommentForm, FeedbackForm, RatingForm, VoteForm
from .mail import send_feedback_mail
from .models import Comment, Poll, PollVote, Rating

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
VISIT_COOKIE = "fc_visit"


def _pixel_response() -> HttpResponse:
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store, max-age=0"
    return response


def _record_visit(request, response) -> None:
    """A visit is the first pixel of a visitor on a local day (cookie, or hashed client in the cache)."""
    if privacy.is_bot(request) or getattr(request.user, "is_staff", False):
        return
    client = privacy.client_hash(request)
    api.record_online(client)
    today = timezone.localdate()
    if request.COOKIES.get(VISIT_COOKIE) == today.isoformat():
        return
    if cache_add_visit(today, client):
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


def cache_add_visit(day: datetime.date, client: str) -> bool:
    return cache.add(f"engagement:visit:{day.isoformat()}:{client}", 1, 36 * 3600)


@never_cache
@require_GET
def view_pixel(request, ct_id: int, object_id: int):
    """Counts one view of the object (see api.count_view) and the visit; always a 1×1 GIF."""
    model = api.resolve_target_model(ct_id)
    if model is None:
        raise Http404
    api.count_view(request, model, object_id)
    response = _pixel_response()
    _record_visit(request, response)
    return response


@never_cache
@require_GET
def visit_pixel(request):
    """Counts the visit from any page (the statistics block carries this image)."""
    response = _pixel_response()
    _record_visit(request, response)
    return response


@never_cache
@require_GET
def visitor_stats_json(request):
    """Fresh figures for the statistics block of a page that came from the page cache."""
    return JsonResponse(api.visitor_stats())


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
        return {**super().get_form_kwargs(), "client": privacy.client_hash(self.request)}

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


# --- ratings --------------------------------------------------------------------------------------
@csrf_exempt
@require_POST
def rate(request, ct_id: int, object_id: int):
    """Store a 1–5 rating and go back to the object (POST-redirect-GET, works without JavaScript).

    CSRF-exempt on purpose: the article page that holds this form is served from the page cache and
    must not carry a per-visitor token. Nothing a session could authorise is at stake (a rating
    needs no login), and a forged cross-site POST can do no more than the visitor could do once
    themselves: one vote per visitor is enforced by the visitor cookie plus a keyed hash of the
    client address and browser, backed by unique constraints.
    """
    target = _target_or_404(ct_id, object_id)
    form = RatingForm(request.POST)
    visitor, is_new = privacy.visitor_id(request)
    outcome = "loi"
    if form.is_valid():
        outcome = "cam-on"
        voter = privacy.voter_hash(visitor)
        client = privacy.client_hash(request)
        ct = ContentType.objects.get_for_model(target)
        duplicate = Rating.objects.filter(content_type=ct, object_id=target.pk).filter(
            Q(voter_hash=voter) | Q(client_hash=client)
        )
        if duplicate.exists():
            outcome = "da-danh-gia"
        else:
            try:
                with transaction.atomic():
                    Rating.objects.create(
                        content_type=ct,
                        object_id=target.pk,
                        score=form.cleaned_data["score"],
                        voter_hash=voter,
                        client_hash=client,
                    )
            except IntegrityError:
                outcome = "da-danh-gia"
    response = HttpResponseRedirect(
        f"{target.get_absolute_url()}?{urlencode({'danh-gia': outcome})}#danh-gia"
    )
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

    Never page-cached (votes do not bump the content version), so the figures are always current.
    """

    template_name = "engagement/poll_detail.html"

    def get(self, request, *args, **kwargs):
        self.poll = get_object_or_404(Poll.objects.visible(), pk=kwargs["pk"])
        response = super().get(request, *args, **kwargs)
        response.no_page_cache = True
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
def vote(request, pk: int):
    """Store one vote and show the results (POST-redirect-GET, works without JavaScript).

    CSRF-exempt for the same reason as `rate`: the sidebar form sits on page-cached pages; a vote
    needs no session privilege, and one vote per visitor is enforced by the visitor cookie plus a
    keyed hash of the client, backed by unique constraints. Votes outside the poll's dates are refused.
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
            client = privacy.client_hash(request)
            if (
                PollVote.objects.filter(poll=poll)
                .filter(Q(voter_hash=voter) | Q(client_hash=client))
                .exists()
            ):
                outcome = "da-binh-chon"
            else:
                try:
                    with transaction.atomic():
                        PollVote.objects.create(
                            poll=poll,
                            choice=form.cleaned_data["choice"],
                            voter_hash=voter,
                            client_hash=client,
                        )
                    outcome = "cam-on"
                except IntegrityError:
                    outcome = "da-binh-chon"
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
        return {**super().get_form_kwargs(), "client": privacy.client_hash(self.request)}

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
