from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestCustomerSearchIndex(TransactionCase):
    """Finding a customer by part of its name in a picker (res.partner's
    name_search: ILIKE '%…%' over five columns) is served by the trigram
    indexes, one per branch of the OR, not by a scan of the table."""

    def test_name_search_uses_the_trigram_indexes(self):
        Partner = self.env["res.partner"]
        columns = Partner._crm_trigram_columns
        self.assertEqual(set(columns), set(Partner._rec_names_search))
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner'"
            " AND indexdef LIKE '%%gin_trgm_ops%%'"
        )
        indexes = {row[0] for row in self.env.cr.fetchall()}
        for column in columns:
            self.assertIn(f"res_partner_crm_{column}_trgm_index", indexes)
        query = Partner.sudo()._search(
            Partner._search_display_name("ilike", "瑞丰办公")
        )
        # the test table is small: forbid the scan the planner would choose
        # there; and give it statistics (a table never analysed gets no plan
        # through a GIN index at all, whatever it costs)
        self.env.cr.execute("ANALYZE res_partner")
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        # every branch of the OR is answered by an index (the planner may pick
        # Odoo's own partial index for a column that is almost always empty,
        # such as company_registry); the name by its trigram index
        self.assertIn("BitmapOr", plan, plan)
        self.assertEqual(plan.count("Bitmap Index Scan"), len(columns), plan)
        self.assertIn("res_partner_crm_complete_name_trgm_index", plan, plan)
        self.assertNotIn("Seq Scan on res_partner", plan)

    def test_pool_list_reads_its_own_index(self):
        """The pool's list (order complete_name, id desc; 80 rows) and its
        count are read off the pool's partial index, not by walking every
        partner in name order and throwing away the owned ones."""
        Partner = self.env["res.partner"]
        self.assertEqual(Partner._order, "complete_name ASC, id DESC")
        query = Partner.sudo()._search([("crm_is_pool", "=", True)], limit=80)
        query.order = Partner._order_to_sql(Partner._order, query)
        self.env.cr.execute("ANALYZE res_partner")
        self.env.cr.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;"
            " SET LOCAL enable_sort = off"
        )
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("res_partner_crm_pool_name_index", plan, plan)
        self.assertNotIn("Sort", plan, plan)
