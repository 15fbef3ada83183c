"""Reader forms: comment, rating, poll vote and citizens' feedback (with attachment checks)."""

from __future__ import annotations

from captcha.fields import CaptchaField
from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from frontcms.files import sniff_kind
from frontcms.images import reencode_image
from frontcms.text import nfc

from . import limits
from .api import setting
from .models import Comment, Feedback


class CaptchaMixin(forms.Form):
    # django-simple-captcha would put `required` on its hidden key input too, which is invalid HTML;
    # the templates mark required fields visibly and the server validates everything.
    use_required_attribute = False

    captcha = CaptchaField(
        label=_("Mã xác thực"),
        help_text=_("Nhập các ký tự trong ảnh."),
        error_messages={"invalid": _("Mã xác thực không đúng.")},
    )


class CommentForm(CaptchaMixin, forms.ModelForm):
    """Name, optional e-mail (never shown) and plain text; limited per client address in time."""

    min_length = 5

    class Meta:
        model = Comment
        fields = ["name", "email", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}
        help_texts = {"email": _("Không bắt buộc, không hiển thị công khai.")}

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_name(self):
        return nfc(self.cleaned_data["name"]).strip()

    def clean_text(self):
        text = nfc(self.cleaned_data["text"]).strip()
        if len(text) < self.min_length:
            raise forms.ValidationError(_("Ý kiến quá ngắn."))
        return text

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not limits.comment_allowed(self.request):
            raise forms.ValidationError(
                _("Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau ít phút.")
            )
        return cleaned


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(coerce=int, choices=[(n, n) for n in range(1, 6)])


class VoteForm(forms.Form):
    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"] = forms.ModelChoiceField(
            queryset=poll.choices.all(), widget=forms.RadioSelect, empty_label=None, label=poll.question
        )


# --- feedback -------------------------------------------------------------------------------------
# extension → the kind its bytes must show (frontcms.files.sniff_kind)
ATTACHMENT_KINDS = {"pdf": "pdf", "docx": "docx", "jpg": "jpg", "jpeg": "jpg", "png": "png"}


def validate_attachment(upload) -> str:
    """Check an attachment by its size and bytes (cheap); return its kind."""
    max_size = int(setting("ENGAGEMENT_FEEDBACK_MAX_ATTACHMENT", 5 * 1024 * 1024))
    if upload.size > max_size:
        raise forms.ValidationError(
            _("Tệp quá lớn (tối đa %(size)s).") % {"size": filesizeformat(max_size)}, code="too_large"
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    expected = ATTACHMENT_KINDS.get(extension)
    if expected is None or sniff_kind(upload) != expected:
        raise forms.ValidationError(_("Chỉ nhận tệp PDF, DOCX, JPEG hoặc PNG."), code="bad_type")
    return expected


class FeedbackForm(CaptchaMixin, forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["name", "contact", "subject", "message", "attachment"]
        widgets = {"message": forms.Textarea(attrs={"rows": 8, "maxlength": 5000})}
        help_texts = {"attachment": _("Không bắt buộc. PDF, DOCX, JPEG hoặc PNG, tối đa 5 MB.")}

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.attachment_kind = validate_attachment(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "contact", "subject", "message"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = nfc(cleaned[name]).strip()
        if self.errors:
            return cleaned
        if not limits.feedback_allowed(self.request):
            raise forms.ValidationError(
                _("Bạn đã gửi nhiều góp ý trong thời gian ngắn. Vui lòng thử lại sau.")
            )
        upload = cleaned.get("attachment")
        if upload and getattr(self, "attachment_kind", None) in ("jpg", "png"):
            # Pictures are re-encoded like every uploaded image; only now, after the captcha and
            # the rate limit, so that anonymous senders cannot make the server decode at will.
            try:
                cleaned["attachment"] = reencode_image(upload, upload.name)
            except forms.ValidationError as exc:
                self.add_error("attachment", exc)
        return cleaned
