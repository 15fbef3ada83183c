"""Admin forms of the events app: a document's number may not repeat within its issuer's year."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from frontcms.text import format_date
from frontcms.workflow import ConcurrentEditForm

from .models import Document
from .querysets import document_number_key


class DocumentAdminForm(ConcurrentEditForm):
    """Refuses a number (số, ký hiệu) that the issuer already gave another document issued the same
    year, compared without regard to case or spaces (`DocumentQuerySet.numbered`), and names that
    document. Checked on add and when the number (case and spaces aside), the issuer or the date
    changes, never by a database constraint: imported documents may already share a number, and
    an unrelated change to one of them (or to its number's case) must still save."""

    @staticmethod
    def document_url(document) -> str | None:
        """The admin address of `document` if the user may open it; DocumentAdmin.get_form sets it."""
        return None

    def clean(self):
        cleaned = super().clean()
        number, issuer, issued_on = (cleaned.get(name) for name in ("number", "issuer", "issued_on"))
        if number and issuer and issued_on and self.identity_changed():
            same = Document.objects.numbered(number, issuer_id=issuer.pk, year=issued_on.year)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            existing = same.select_related("issuer").order_by("issued_on", "pk").first()
            if existing is not None:
                self.add_error("number", self.duplicate_message(existing))
        return cleaned

    def identity_changed(self) -> bool:
        """Whether this is a new document, or its number as compared, its issuer or its date changed."""
        if self.instance._state.adding or {"issuer", "issued_on"} & set(self.changed_data):
            return True
        return document_number_key(self.initial.get("number")) != document_number_key(
            self.cleaned_data.get("number")
        )

    def duplicate_message(self, existing: Document) -> SafeString:
        url = self.document_url(existing)
        name = format_html("“{}”", existing)
        if url:
            name = format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, name)
        return format_html(
            gettext(
                "Số, ký hiệu này đã được dùng cho văn bản {document} do {issuer} ban hành ngày {date}. "
                "Số văn bản của một cơ quan không lặp lại trong cùng một năm: hãy kiểm tra lại số, ký hiệu, "
                "cơ quan ban hành hoặc ngày ban hành."
            ),
            document=name,
            issuer=existing.issuer,
            date=format_date(existing.issued_on),
        )
