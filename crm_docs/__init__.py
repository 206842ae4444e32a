from odoo.addons.crm_masterdata.pg_extensions import ensure_trigram

from . import controllers
from . import models


def pre_init_hook(env):
    """Make PostgreSQL's pg_trgm extension available, so that the fields
    declared with ``index="trigram"`` (the document's title, summary and file
    text) get their GIN trigram indexes when the module's tables are made.

    Where the database refuses it, the documents still work, searching
    without the index (slower)."""
    ensure_trigram(env, "crm_docs", "document searches will not use trigram indexes.")
