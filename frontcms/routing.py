"""Reversed URLs remembered for as long as the URLconf stays the same.

`reverse()` walks the URL patterns on every call (about 40 µs here); a page rendered from kept
parts calls it a few times for the same names (the home page, the news feed, an object's view
counter). URL patterns are fixed at start-up and none is translated, so the answer depends only
on the name, the arguments, the URLconf and the script prefix."""

from __future__ import annotations

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


@functools.lru_cache(maxsize=4096)
def _reversed(viewname: str, args: tuple, urlconf, prefix: str) -> str:
    return reverse(viewname, args=args, urlconf=urlconf)


def url_for(viewname: str, *args) -> str:
    """`reverse(viewname, args=args)`, remembered."""
    return _reversed(viewname, args, get_urlconf(), get_script_prefix())


@receiver(setting_changed, dispatch_uid="frontcms-routing-urlconf")
def _urlconf_changed(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
