"""E-mail to the portal's staff when a citizen sends feedback."""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from frontcms.models import SiteSettings

logger = logging.getLogger(__name__)


def feedback_recipient() -> str:
    site = SiteSettings.load()
    return site.feedback_email or site.email


def send_feedback_mail(feedback) -> bool:
    """Send the feedback (with its attachment) to SiteSettings.feedback_email, else .email.

    A mail failure never loses the feedback: it is stored first and listed in the admin.
    """
    recipient = feedback_recipient()
    if not recipient:
        logger.warning("Feedback %s not e-mailed: no address in the site settings", feedback.reference)
        return False
    body = render_to_string("engagement/feedback_email.txt", {"feedback": feedback})
    message = EmailMessage(
        subject=f"[{feedback.reference}] {feedback.subject}",
        body=body,
        to=[recipient],
    )
    if feedback.attachment:
        feedback.attachment.open("rb")
        try:
            message.attach(feedback.attachment.name.rsplit("/", 1)[-1], feedback.attachment.read())
        finally:
            feedback.attachment.close()
    try:
        message.send()
    except Exception:  # noqa: BLE001 - the SMTP server's problem must not become the citizen's
        logger.exception("Feedback %s could not be e-mailed", feedback.reference)
        return False
    return True
