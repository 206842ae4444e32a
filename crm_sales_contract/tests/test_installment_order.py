from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestInstallmentListOrder(TransactionCase):
    """The installments' lists (to collect, overdue, the calendar's list) are
    read in their order off one index: no join to the contracts to sort a
    whole due date before the first page can be cut (issue 16)."""

    def test_first_page_is_read_off_the_order_index(self):
        Installment = self.env["crm.contract.installment"]
        query = Installment.sudo()._search(
            [("state", "in", ("open", "partial", "overdue"))], limit=80
        )
        query.order = Installment._order_to_sql(Installment._order, query)
        sql = query.select()
        self.assertNotIn("crm_contract_installment__contract_id", sql.code)
        self.env.cr.execute("ANALYZE crm_contract_installment")
        self.env.cr.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;"
            " SET LOCAL enable_sort = off; SET LOCAL enable_incremental_sort = off"
        )
        self.env.cr.execute(SQL("EXPLAIN %s", sql))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("crm_contract_installment_order_index", plan, plan)
        self.assertNotIn("Sort", plan, plan)
        self.assertNotIn("Join", plan, plan)
