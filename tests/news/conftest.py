"""Shared fixtures of the news tests."""

import io

import pytest
from PIL import Image


@pytest.fixture
def cover_file(tmp_path):
    """A real JPEG on disk, for a browser's file input (the article's cover photo)."""
    path = tmp_path / "hoi-nghi.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (30, 90, 160)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path
