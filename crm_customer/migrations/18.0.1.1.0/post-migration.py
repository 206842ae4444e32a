"""18.0.1.1.0: the pool-return job of a database installed before runs at the
hour it was installed; move it to the night, as a new installation has it
(data/ir_cron_data.xml is noupdate)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._crm_pool_cron_at_night()
