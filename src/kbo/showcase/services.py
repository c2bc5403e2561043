"""Writing news (the audit trail is django-auditlog's, with the request's user as actor)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kbo.showcase.models import News, can_manage_news


def news_save(*, by, news: News) -> News:
    """Create or update a news item the user may manage (its province's officers, national
    staff; national news only national staff)."""
    if not can_manage_news(by, news.province_id):
        raise PermissionDenied
    with transaction.atomic():
        if news.pk is None:
            news.created_by = by
        news.updated_by = by
        news.save()
    return news
