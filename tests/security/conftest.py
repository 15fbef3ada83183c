"""Fixtures shared by the security tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    """A fresh MEDIA_ROOT inside tmp_path, so that escapes into tmp_path are visible too."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root
