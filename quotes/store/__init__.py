"""The relational store: articles, extraction runs, quotes, entities, channels, errors, review log.

SQLite by default, PostgreSQL for teams; schema managed by the Alembic migrations in
``quotes/store/migrations``. Callers use :func:`open_store` and the repository
functions, which return frozen views (never ORM objects).
"""

from quotes.store.db import Store, database_url, open_store
from quotes.store.views import (
    ArticleView,
    ChannelView,
    EntityView,
    ErrorView,
    Page,
    QuoteContext,
    QuoteFilter,
    QuoteView,
    ReviewView,
    RunView,
    StoreStats,
)

__all__ = [
    "ArticleView",
    "ChannelView",
    "EntityView",
    "ErrorView",
    "Page",
    "QuoteContext",
    "QuoteFilter",
    "QuoteView",
    "ReviewView",
    "RunView",
    "Store",
    "StoreStats",
    "database_url",
    "open_store",
]
