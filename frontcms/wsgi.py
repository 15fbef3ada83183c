"""WSGI entry point (gunicorn frontcms.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontcms.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - imports every view now, not at the first request

# What start-up made (modules, models, the admin, URL patterns, translations) lives as long as the
# process, so the cyclic garbage collector is told to leave it alone. Its full collections then walk
# what requests made: measured on an uncached article, one every ~800 pages took 75-85 ms over
# ~110,000 objects, about 8 ms once frozen (bench/results/2026-12-02-cheaper-ratings-and-misses.md).
# Start-up's own garbage is collected first, or it would be frozen for good.
gc.collect()
gc.freeze()
