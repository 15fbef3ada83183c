"""`python manage.py seed_demo`: fill an empty database with realistic Vietnamese demo content.

The core seeds its own content (frontcms/demo.py); every app with a `demo` module adds its own,
in dependency order. Each step looks up what it would create first, so running the command twice
changes nothing, and one `DemoRun` carries what this run created from app to app: sample reader
activity goes only to those objects, never to content that people made.
"""

import os
from importlib import import_module

import reversion
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from frontcms.demo import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, DEMO_EDITOR_USERNAME, DemoRun


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu tiếng Việt (tổ chức, nhân sự, tin tức, sự kiện, trang, menu) và tài khoản quản trị."
    )

    def handle(self, *args, **options):
        # Content first, in dependency order; engagement last, because it attaches sample
        # comments and readership to the articles and events seeded before it.
        order = ["frontcms", "committees", "events", "news", "frontcms.engagement"]
        configs = sorted(
            (c for c in apps.get_app_configs() if c.name in order), key=lambda c: order.index(c.name)
        )
        run = DemoRun()
        for config in configs:
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            self.stdout.write(f"Seeding {config.label}…")
            # Each app's content in one revision: every object starts with a version, so that it can
            # be recovered after a deletion and its first edit undone, as for content made in the admin.
            with transaction.atomic(), reversion.create_revision():
                reversion.set_comment("Nội dung mẫu")
                module.seed(self.stdout, run)
        password = os.environ.get("DEMO_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(
            f"Admin: http://127.0.0.1:8000/{settings.ADMIN_URL}  "
            f"user: {DEMO_ADMIN_USERNAME}  password: {password}  (change it outside a demo)"
        )
        self.stdout.write(f"District editor: user {DEMO_EDITOR_USERNAME}, same password")
