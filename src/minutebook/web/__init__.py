"""The web app and JSON API: browse, search and track minutes without a terminal.

>>> from minutebook.web import create_app, serve
>>> callable(create_app) and callable(serve)
True
"""

from __future__ import annotations

from minutebook.web.app import create_app
from minutebook.web.server import serve

__all__ = ["create_app", "serve"]
