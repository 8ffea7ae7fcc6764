"""Celery, configured from the Django settings (the `CELERY_` ones), as Celery's Django
guide does it.

With CELERY_BROKER_URL set (Redis, ``redis://host:6379/0``, or RabbitMQ,
``amqp://user:password@host:5672//``), tasks are queued and run by workers
(``celery -A unionplans worker``) and the schedule by beat (``celery -A unionplans beat``).
Without it, CELERY_TASK_ALWAYS_EAGER is on: a task runs at once in the process that
asks for it, so the development server needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionplans.settings")

app = Celery("unionplans")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
