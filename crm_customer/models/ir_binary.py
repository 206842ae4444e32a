from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        """``/web/image`` and ``/web/content`` of a pool account's pictures and
        files give the placeholder to those who read it masked (also with the
        access token of the mail composer's suggestions, which reads as
        superuser for the user)."""
        if (
            record._name == "res.partner"
            and len(record) == 1
            and record._crm_pool_field_masked(field_name)
            and record._crm_pool_masked(display=True)
            and record.sudo().crm_is_pool
        ):
            return self._get_placeholder_stream(
                record._get_placeholder_filename(field_name)
            )
        return super()._record_to_stream(record, field_name)
