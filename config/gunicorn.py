"""gunicorn settings: `gunicorn -c config/gunicorn.py` (the WSGI app is config.wsgi).

2 workers x 4 threads (gthread) by default, the shape bench/load_autosave.py measures; each thread
keeps its own database connection (CONN_MAX_AGE). Environment: GUNICORN_BIND (127.0.0.1:8000),
GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_ACCESSLOG ("-" for stdout; off by default).
"""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5  # seconds an idle keep-alive connection is kept (pages autosave every few seconds)
timeout = 30
graceful_timeout = 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "warning")
