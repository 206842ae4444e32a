"""18.0.1.1.0: databases installed before the suite switched off Odoo's
outgoing calls get the same settings a new installation gets (noupdate data
is not loaded again by an update)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._crm_offline_defaults()
