"""PostgreSQL extensions the suite uses where the database allows them."""

import logging

import psycopg2

from odoo.modules.db import has_trigram

_logger = logging.getLogger(__name__)


def ensure_trigram(env, addon, without):
    """Make PostgreSQL's pg_trgm extension available for ``addon``'s trigram
    indexes and return whether it is. Odoo creates trigram indexes only when
    the extension is installed and never installs it itself. pg_trgm is a
    trusted extension (PostgreSQL 13+): the owner of the database may create
    it. Where that is refused, a warning names ``addon`` and what happens
    ``without`` it (searches still work, scanning instead)."""
    cr = env.cr
    if not has_trigram(cr):
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error as error:
            _logger.warning(
                "%s: PostgreSQL's pg_trgm extension could not be created (%s); %s",
                addon,
                error,
                without,
            )
    env.registry.has_trigram = has_trigram(cr)
    return env.registry.has_trigram
