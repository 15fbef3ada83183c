"""Vietnamese names for third-party apps whose names no message catalogue can reach.

django-axes, django-simple-captcha and easy-thumbnails declare no translatable app name (the
admin would show "Axes", "Captcha", "Easy_Thumbnails"), captcha and easy-thumbnails no
translatable model names, and axes names its records with English f-strings that carry ISO
timestamps ("Access Log for an @ 2026-12-02 07:30:00+00:00"): the admin prints those in titles,
breadcrumbs, delete confirmations and the screen-reader label of every row's checkbox.
INSTALLED_APPS lists these configs instead of the bare app names. Apps whose names are
translatable (taggit, reversion) are translated in locale/thirdparty instead.
"""

from __future__ import annotations

from axes.apps import AppConfig as AxesBaseConfig
from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .text import format_datetime


def _rename(model, singular, plural) -> None:
    # Only the display names: migrations read Meta's original attributes, so no migration follows.
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural


def _attempt_str(attempt) -> str:
    return gettext("Thử đăng nhập của %(user)s lúc %(time)s") % {
        "user": attempt.username or "—",
        "time": format_datetime(attempt.attempt_time),
    }


def _access_log_str(log) -> str:
    return gettext("Đăng nhập của %(user)s lúc %(time)s") % {
        "user": log.username or "—",
        "time": format_datetime(log.attempt_time),
    }


def _failure_log_str(log) -> str:
    if log.locked_out:
        text = gettext("Đăng nhập sai của %(user)s lúc %(time)s từ %(ip)s, đã khóa")
    else:
        text = gettext("Đăng nhập sai của %(user)s lúc %(time)s từ %(ip)s")
    return text % {
        "user": log.username or "—",
        "time": format_datetime(log.attempt_time),
        "ip": log.ip_address or "—",
    }


class AxesConfig(AxesBaseConfig):
    verbose_name = _("Bảo vệ đăng nhập")

    def ready(self) -> None:
        super().ready()
        self.get_model("AccessAttempt").__str__ = _attempt_str
        self.get_model("AccessLog").__str__ = _access_log_str
        self.get_model("AccessFailureLog").__str__ = _failure_log_str


class CaptchaConfig(AppConfig):
    name = "captcha"
    verbose_name = _("Mã xác nhận (captcha)")

    def ready(self) -> None:
        _rename(self.get_model("CaptchaStore"), _("mã xác nhận"), _("mã xác nhận"))


class EasyThumbnailsConfig(AppConfig):
    name = "easy_thumbnails"
    verbose_name = _("Ảnh thu nhỏ")
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        _rename(self.get_model("Source"), _("ảnh gốc"), _("ảnh gốc"))
        _rename(self.get_model("Thumbnail"), _("ảnh thu nhỏ"), _("ảnh thu nhỏ"))
        _rename(
            self.get_model("ThumbnailDimensions"), _("kích thước ảnh thu nhỏ"), _("kích thước ảnh thu nhỏ")
        )
