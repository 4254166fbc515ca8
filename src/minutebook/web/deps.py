"""What every route shares: the borrowed store, pagination limits, the error to raise.

>>> ApiError(404, "no item 7").status
404
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request

from minutebook.store import Store
from minutebook.web.pool import StorePool

__all__ = [
    "MAX_LIMIT",
    "MAX_OFFSET",
    "ApiError",
    "Limit",
    "Offset",
    "StoreDep",
    "borrow_store",
    "next_url",
]

MAX_LIMIT = 100
MAX_OFFSET = 10_000
"""Deeper pages cost the database more than any reader needs; narrow the filters instead."""


class ApiError(Exception):
    """An error a route reports to the client: the HTTP status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def borrow_store(request: Request) -> Iterator[Store]:
    """The request's store, borrowed from the app's pool and returned afterwards."""
    pool: StorePool = request.app.state.pool
    with pool.store() as store:
        yield store


StoreDep = Annotated[Store, Depends(borrow_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Results to skip.")]


def next_url(request: Request, *, total: int, limit: int, offset: int) -> str | None:
    """The URL of the following page, or None on the last page."""
    following = offset + limit
    if following >= total or following > MAX_OFFSET:
        return None
    return str(request.url.include_query_params(offset=following, limit=limit))
