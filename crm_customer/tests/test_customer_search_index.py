from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval


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

    def test_search_box_name_filter_uses_indexes(self):
        """Typing a name into the customer lists' search box (the search view's
        Name filter: complete name or customer code) is served by trigram
        indexes for a user who sees every customer, not by a scan."""
        Partner = self.env["res.partner"]
        action = self.env.ref("crm_customer.res_partner_action_scope")
        arch = Partner.get_views([(action.search_view_id.id, "search")])["views"][
            "search"
        ]["arch"]
        filter_domain = next(
            node.get("filter_domain")
            for node in etree.fromstring(arch).iter("field")
            if node.get("name") == "name"
        )
        domain = safe_eval(filter_domain, {"self": "瑞丰办公"})
        self.assertIn("crm_customer_code", str(domain))
        query = Partner.sudo()._search(domain)
        self.env.cr.execute("ANALYZE res_partner")
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        # both branches of the OR from an index (on the small test table the
        # planner may answer the rarely filled code from Odoo's own index)
        self.assertNotIn("Seq Scan on res_partner", plan, plan)
        self.assertEqual(plan.count("Bitmap Index Scan"), 2, plan)
        self.assertIn("res_partner_crm_complete_name_trgm_index", plan, plan)
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner'"
            " AND indexname = 'res_partner_crm_crm_customer_code_trgm_index'"
        )
        self.assertIn("gin_trgm_ops", self.env.cr.fetchone()[0])
