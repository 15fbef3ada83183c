"""The WSGI entry point, loaded as gunicorn's workers load it (a process of its own)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.ops.support import app_env

PROBE = """
import gc, json, sys
import frontcms.wsgi
print(json.dumps([gc.get_freeze_count(), len(gc.get_objects()), "news.views" in sys.modules]))
"""


def test_what_start_up_made_is_left_out_of_garbage_collection(tmp_path):
    """A full collection walks only what requests made: start-up's objects (Django, the apps,
    every view through the URL patterns) are frozen once the application is loaded."""
    env = app_env(f"sqlite:///{tmp_path}/db.sqlite3", tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    frozen, tracked, views_loaded = json.loads(done.stdout)
    assert frozen > 50_000  # Django, the admin and the apps: about 110,000 objects
    assert tracked < frozen / 10
    assert views_loaded  # imported before the freeze, not at the first request
