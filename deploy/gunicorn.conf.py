"""gunicorn settings for one KBO app process (`gunicorn -c deploy/gunicorn.conf.py kbo.wsgi`).

Every value can be changed by environment variable, so one file serves a province server
and each app process of a national cluster. Run as many app processes as the machines
allow behind nginx; they share nothing but PostgreSQL, Redis and the file storage.
"""

import multiprocessing
import os

bind = os.environ.get("KBO_BIND", "127.0.0.1:8000")
# Threads serve the many requests that wait on PostgreSQL; processes use the cores.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Longer than nginx's proxy_read_timeout would be pointless; reports run in workers.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter), bounding slow memory growth.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Trust X-Forwarded-* only from the reverse proxy in front (loopback by default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Logs to stdout/stderr for systemd's journal or the container runtime. The access log
# carries nginx's request id (X-Request-ID), so one id follows a request through both logs.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}i)s pid=%(p)s ua="%(a)s"'
proc_name = os.environ.get("GUNICORN_PROC_NAME", "kbo")
