"""Gunicorn settings for serving the site (`make serve`), sized from the machine's cores.

Each worker is a process with its own interpreter; its threads overlap the time requests spend
waiting on PostgreSQL. Processes, not threads, use several cores, but PostgreSQL runs on the same
cores, so a worker per core plus one keeps them busy without crowding the database out.
Every value can be overridden from the environment.
"""

import os

cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", cores + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
# A worker silent towards the arbiter this long is replaced; gthread workers keep signalling while
# their threads stream a long export, so this bounds a hung worker, not a slow download.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# The access log's client address is derived as the rate limits derive it (TRUSTED_PROXY_COUNT).
logger_class = "config.accesslog.ClientAddressLogger"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
