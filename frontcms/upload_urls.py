"""CKEditor upload and browse endpoints, staff only, with images checked and re-encoded.

django-ckeditor's own upload view trusts the file once Pillow can open it and is CSRF-exempt;
here every upload passes Django's CSRF check and then `frontcms.images` (real image, size cap,
pixel and memory caps, re-encoded, safe name) before django-ckeditor stores it. Each user's files
go to a folder named by an opaque key, not by the user name (`upload_folder`).
"""

from ckeditor_uploader import views as ck_views
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from .images import reencode_image

# CKEditor 4 posts its upload form with its own token field instead of Django's; the admin's
# static/js/ckeditor-csrf.js makes CKEditor put Django's token in it.
CKEDITOR_CSRF_FIELD = "ckCsrfToken"


def upload_folder(user) -> str:
    """The folder of one user's uploads: stable for the user, and naming nobody.

    django-ckeditor would use the user name (CKEDITOR_RESTRICT_BY_USER), half of a login. A keyed
    hash of the user's id keeps "contributors browse only their own uploads" without it."""
    return salted_hmac("frontcms.upload_urls.upload_folder", str(user.pk)).hexdigest()[:20]


def _restricted_to_own_folder(request) -> None:
    # django-ckeditor reads the folder from the user attribute CKEDITOR_RESTRICT_BY_USER names.
    setattr(request.user, settings.CKEDITOR_RESTRICT_BY_USER, upload_folder(request.user))


@xframe_options_sameorigin
@require_POST
@staff_member_required
@csrf_protect
def _upload(request):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num and not func_num.isdigit():
        return HttpResponseBadRequest("CKEditorFuncNum must be a number.")
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return JsonResponse({"uploaded": 0, "error": {"message": "Chưa chọn tệp."}}, status=400)
    try:
        request.FILES["upload"] = reencode_image(uploaded, uploaded.name)
    except ValidationError as exc:
        # A 200: CKEditor shows a refusal's reason only from a successful answer (any other status
        # becomes its bare "HTTP error"), for a pasted or dropped picture as for the image dialog.
        return JsonResponse({"uploaded": 0, "error": {"message": " ".join(exc.messages)}})
    _restricted_to_own_folder(request)
    return ck_views.upload(request)


@csrf_exempt  # from the middleware only: checked by csrf_protect in _upload, with CKEditor's field
def upload(request):
    token = request.POST.get(CKEDITOR_CSRF_FIELD, "") if request.method == "POST" else ""
    if token and settings.CSRF_HEADER_NAME not in request.META:
        request.META[settings.CSRF_HEADER_NAME] = token
    return _upload(request)


@never_cache
@staff_member_required
def browse(request):
    _restricted_to_own_folder(request)
    return ck_views.browse(request)


urlpatterns = [
    path("upload/", upload, name="ckeditor_upload"),
    path("browse/", browse, name="ckeditor_browse"),
]
