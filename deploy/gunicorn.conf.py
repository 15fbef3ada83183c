"""gunicorn settings for FrontCMS: `gunicorn -c deploy/gunicorn.conf.py frontcms.wsgi`.

Workers: 2 × cores + 1 sync workers is gunicorn's rule of thumb for I/O-bound Django; on the
2-core reference machine the benchmark (bench/) was run with WEB_CONCURRENCY=2, one worker per
core, because page rendering is CPU-bound and cached pages are served in well under a millisecond.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that a slow leak can never grow without bound; rarely, though:
# a new worker starts with an empty local-memory page cache and takes a second to boot, and at
# 2,000 cached pages/s a limit of 5,000 restarted every worker every few seconds (bench/).
max_requests = 100_000
max_requests_jitter = 10_000
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
