from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def action_send_mail(self):
        """After a statement is sent from the composer, say so."""
        res = super().action_send_mail()
        if (
            len(self) == 1
            and self.model == "crm.partner.statement"
            and self.composition_mode == "comment"
        ):
            statements = self.env["crm.partner.statement"].browse(
                self._evaluate_res_ids()
            )
            if len(statements) == 1:
                return statements._crm_notify(
                    self.env._(
                        "Statement sent to %(partner)s.",
                        partner=statements.partner_id.display_name,
                    ),
                    close=True,
                )
        return res
