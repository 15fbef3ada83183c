"""Demo mode (DEMO=1, what scripts/demo.sh runs): the portal as readers get it in production, with
the real Vietnamese error pages, on plain http://127.0.0.1, and never on a public host."""

from __future__ import annotations

import http.cookiejar
import json
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

from tests.ops.support import BASE_DIR, TEST_VARIABLES, Process, free_port, manage, wait_for


def _demo_env(tmp_path, **extra) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k not in TEST_VARIABLES | {"DEMO"}}
    env.update(
        DJANGO_SETTINGS_MODULE="frontcms.settings",
        DEMO="1",
        DEBUG="0",
        SECRET_KEY="demo-test-" + secrets.token_urlsafe(40),
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def _settings(env: dict[str, str], names: list[str]) -> subprocess.CompletedProcess:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_demo_mode_is_production_without_tls_on_loopback(tmp_path):
    names = [
        "DEBUG",
        "ALLOWED_HOSTS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SITE_URL",
    ]
    result = _settings(_demo_env(tmp_path), names)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost", "[::1]"],
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SITE_URL": "http://127.0.0.1:8000",
    }


def test_demo_mode_refuses_a_public_host(tmp_path):
    result = _settings(_demo_env(tmp_path, ALLOWED_HOSTS="mttq.example.vn"), ["DEBUG"])
    assert result.returncode != 0
    assert "DEMO=1 is for http://127.0.0.1 only" in result.stderr


def test_demo_server_shows_vietnamese_error_pages_static_files_uploads_and_a_working_login(tmp_path):
    env = _demo_env(tmp_path)
    manage(env, "migrate", "--noinput", timeout=600)
    manage(env, "collectstatic", "--noinput", "-v", "0", timeout=600)
    admin_env = {**env, "DJANGO_SUPERUSER_PASSWORD": "Mat-khau-demo-123"}
    manage(
        admin_env, "createsuperuser", "--noinput", "--username", "quantri-demo", "--email", "qt@example.vn"
    )
    upload = tmp_path / "media" / "demo" / "anh.jpg"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg, served as it is")

    port = free_port()
    server = Process(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        log=tmp_path / "runserver.log",
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/suc-khoe/", timeout=60)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def get(path: str):
            try:
                with opener.open(base + path, timeout=20) as response:
                    return response.status, dict(response.headers), response.read()
            except urllib.error.HTTPError as exc:
                return exc.code, dict(exc.headers), exc.read()

        status, headers, body = get("/khong-ton-tai/")
        page = body.decode()
        assert status == 404
        assert "Không tìm thấy trang" in page and "URLconf" not in page and "Traceback" not in page
        assert "Strict-Transport-Security" not in headers

        status, _, body = get("/")
        assert status == 200
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', body.decode())
        assert stylesheet, "the home page links the hashed style sheet"
        assert get(stylesheet.group(1))[0] == 200
        assert get("/media/demo/anh.jpg")[2] == upload.read_bytes()

        status, _, body = get("/quan-tri/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": "quantri-demo",
                "password": "Mat-khau-demo-123",
                "next": "/quan-tri/",
            }
        ).encode()
        request = urllib.request.Request(f"{base}/quan-tri/login/", data=form, headers={"Origin": base})
        with opener.open(request, timeout=20) as response:
            assert response.url == f"{base}/quan-tri/" and response.status == 200
        assert {cookie.name for cookie in jar} >= {"sessionid", "csrftoken"}
        assert not any(cookie.secure for cookie in jar)
    finally:
        server.stop()
