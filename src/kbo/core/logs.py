"""Request ids in the logs: the id of the request being served, for every log record."""

import logging
import re
import uuid
from contextvars import ContextVar

current_request_id: ContextVar[str] = ContextVar("kbo_request_id", default="-")
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def clean_request_id(incoming: str) -> str:
    """The proxy's id when it looks like one (no spaces, no control characters), else a new one."""
    return incoming if _SANE.match(incoming or "") else uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
