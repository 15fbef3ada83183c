"""CKEditor upload and browse endpoints, staff only, with images checked and re-encoded.

django-ckeditor's own upload view trusts the file once Pillow can open it; here every upload
goes through `frontcms.images` first (real image, size cap, pixel cap, re-encoded, safe name).
"""

from ckeditor_uploader import views as ck_views
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .images import reencode_image


@csrf_exempt  # CKEditor 4's upload form posts without a token; the Lax session cookie guards it
@xframe_options_sameorigin
@require_POST
@staff_member_required
def upload(request):
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num and not func_num.isdigit():
        return HttpResponseBadRequest("CKEditorFuncNum must be a number.")
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return JsonResponse({"uploaded": 0, "error": {"message": "Chưa chọn tệp."}}, status=400)
    try:
        request.FILES["upload"] = reencode_image(uploaded, uploaded.name)
    except ValidationError as exc:
        message = " ".join(exc.messages)
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)
    return ck_views.upload(request)


urlpatterns = [
    path("upload/", upload, name="ckeditor_upload"),
    path("browse/", never_cache(staff_member_required(ck_views.browse)), name="ckeditor_browse"),
]
