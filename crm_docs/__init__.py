import logging

import psycopg2

from odoo.modules.db import has_trigram

from . import controllers
from . import models

_logger = logging.getLogger(__name__)


def pre_init_hook(env):
    """Make PostgreSQL's pg_trgm extension available, so that the fields
    declared with ``index="trigram"`` (the document's title, summary and file
    text) get their GIN trigram indexes when the module's tables are made.

    Odoo creates trigram indexes only when the extension is installed and
    never installs it itself. pg_trgm is a trusted extension (PostgreSQL 13+):
    the owner of the database may create it. Where that is refused the
    documents still work, searching without the index (slower)."""
    cr = env.cr
    if not has_trigram(cr):
        try:
            with cr.savepoint(flush=False):
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except psycopg2.Error as error:
            _logger.warning(
                "crm_docs: PostgreSQL's pg_trgm extension could not be created "
                "(%s); document searches will not use trigram indexes.",
                error,
            )
    env.registry.has_trigram = has_trigram(cr)
