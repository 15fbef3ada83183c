"""`python manage.py generate_load_data --articles 100000 --events 20000 --people 5000`

Fills a database with a large, varied Vietnamese data set for benchmarks (bench/), fast: each app
with a `load_data` module generates its own part with bulk inserts, in dependency order
(committees, events, news). The search index is rebuilt in bulk at the end. Intended for an empty
benchmark database; running it again adds another batch.
"""

from __future__ import annotations

import random
import time
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Tạo dữ liệu lớn cho đo hiệu năng (bench/)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--events", type=int, default=20_000)
        parser.add_argument("--people", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=2024, help="random seed, for repeatable data")

    def handle(self, *args, **options):
        for name in ("articles", "events", "people"):
            if options[name] < 0:
                raise CommandError(f"--{name} must not be negative")
        rng = random.Random(options["seed"])
        context: dict = {}
        for label in ("committees", "events", "news"):
            if not apps.is_installed(label):
                continue
            try:
                module = import_module(f"{label}.load_data")
            except ModuleNotFoundError:
                continue
            started = time.perf_counter()
            summary = module.generate(options, rng, context)
            self.stdout.write(f"{label}: {summary} in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        from frontcms import search

        count = search.rebuild()
        self.stdout.write(f"search index: {count} rows in {time.perf_counter() - started:.1f} s")
