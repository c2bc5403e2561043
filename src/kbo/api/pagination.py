"""The API's page-number pagination.

Every list answers {"count", "count_capped", "next", "previous", "results"}. Without filters
`count` is exact. With a filter or search on, counting every match over the whole country
(212,000 products) costs more than the page, so the count stops at 10,000 as the web lists do
(core.paging.CappedPaginator): `count` is then 10,000 and `count_capped` true. Paging does not
stop there: `next` is given as long as another row follows.
"""

from typing import Any

from django.core.paginator import InvalidPage, Page
from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kbo.core.paging import CappedPaginator


class OpenPage(Page):
    """A page beyond the counted matches: whether one follows is known from the rows read."""

    def __init__(self, object_list, number: int, paginator, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


class Pagination(PageNumberPagination):
    """Lists answer {"count", "count_capped", "next", "previous", "results"}; ?page_size= up
    to 1000; counts stop at 10,000 when a filter or search is on."""

    page_size: int = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    count_capped = False

    def filtered(self, request) -> bool:
        """Any query parameter but the page's own is a filter or a search."""
        own = {self.page_query_param, self.page_size_query_param, "format"}
        return any(key not in own for key in request.query_params)

    def paginate_queryset(self, queryset, request, view=None) -> list[Any] | None:
        self.count_capped = False
        if not isinstance(queryset, QuerySet) or not self.filtered(request):
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        page_size = self.get_page_size(request) or self.page_size
        paginator = CappedPaginator(queryset, page_size)
        number = self.get_page_number(request, paginator)
        try:
            number = paginator.validate_number(number) if not paginator.capped else int(number)
            if number < 1:
                raise InvalidPage
        except (InvalidPage, ValueError, TypeError) as error:
            raise NotFound(self.invalid_page_message) from error
        self.count_capped = paginator.capped
        if number <= paginator.num_pages:
            self.page = paginator.page(number)
            if paginator.capped and not self.page.has_next():  # the last counted page
                start = number * page_size
                more = queryset[start : start + 1].exists()
                self.page = OpenPage(self.page.object_list, number, paginator, more)
        else:  # beyond the counted matches: read one row more to know if a page follows
            start = (number - 1) * page_size
            rows = list(queryset[start : start + page_size + 1])
            if not rows:
                raise NotFound(self.invalid_page_message)
            self.page = OpenPage(rows[:page_size], number, paginator, len(rows) > page_size)
        return list(self.page)

    def get_paginated_response(self, data) -> Response:
        assert self.page is not None
        return Response(
            {
                "count": self.page.paginator.count,
                "count_capped": self.count_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        properties = paginated["properties"]
        properties["count"]["description"] = (
            "Number of matches; with a filter or search on it stops at 10,000 "
            "(then count_capped is true)."
        )
        paginated["properties"] = {
            "count": properties.pop("count"),
            "count_capped": {
                "type": "boolean",
                "example": False,
                "description": "True when more than 10,000 rows match: count is then 10,000 "
                "and `next` keeps paging past it.",
            },
            **properties,
        }
        paginated["required"] = ["count", "count_capped", "results"]
        return paginated
