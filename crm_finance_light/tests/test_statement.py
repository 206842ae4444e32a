import io
from datetime import date

from openpyxl import load_workbook

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestStatement(FinanceCommon):
    """A hand-computed customer statement:

    ========== ======================= ======= ======= =======
    date       document                debit   credit  balance
    ========== ======================= ======= ======= =======
    2024-01-10 contract A 1,000.00     1000.00           1000.00 (before the period)
    2024-01-20 receipt R1                        300.00   700.00 (before the period)
    ---------- opening on 2024-02-01                       700.00
    2024-02-05 contract B 500.00        500.00           1200.00
    2024-02-10 receipt R2 (advance)              900.00   300.00
    2024-02-15 receipt R3                        100.00   200.00
    2024-02-20 R3 cancelled             100.00            300.00
    ---------- closing on 2024-02-29    600.00  1000.00   300.00
    2024-03-05 receipt R4 (after the period, not shown)
    ========== ======================= ======= ======= =======
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_a = cls._contract(prices=(1000.0,), signed=date(2024, 1, 10))
        cls.r1 = cls._receipt(amount=300.0, day=date(2024, 1, 20))
        cls.r1.action_auto_allocate()
        cls.r1.action_confirm()
        cls.contract_b = cls._contract(prices=(500.0,), signed=date(2024, 2, 5))
        cls.r2 = cls._receipt(amount=900.0, day=date(2024, 2, 10))
        cls.r2.action_confirm()
        cls.r3 = cls._receipt(amount=100.0, day=date(2024, 2, 15))
        cls.r3.action_confirm()
        with cls._freeze("2024-02-20"):
            cls.r3._crm_cancel("bounced")
        cls.r4 = cls._receipt(amount=50.0, day=date(2024, 3, 5))
        cls.r4.action_confirm()
        # a draft and another customer's receipt never show
        cls._receipt(amount=7.0, day=date(2024, 2, 11))
        cls._receipt(
            partner=cls.customer2, amount=8.0, day=date(2024, 2, 11)
        ).action_confirm()
        cls.wizard = cls.env["crm.partner.statement"].create(
            {
                "partner_id": cls.customer.id,
                "kind": "customer",
                "date_from": date(2024, 2, 1),
                "date_to": date(2024, 2, 29),
            }
        )

    @classmethod
    def _freeze(cls, day):
        from freezegun import freeze_time

        return freeze_time(day)

    def test_balances(self):
        data = self.wizard._crm_statement_data()
        self.assertEqual(data["opening"], 700.0)
        self.assertEqual(
            [
                (
                    line["date"].isoformat(),
                    line["kind"],
                    line["debit"],
                    line["credit"],
                    line["balance"],
                )
                for line in data["lines"]
            ],
            [
                ("2024-02-05", "contract", 500.0, 0.0, 1200.0),
                ("2024-02-10", "receipt", 0.0, 900.0, 300.0),
                ("2024-02-15", "receipt", 0.0, 100.0, 200.0),
                ("2024-02-20", "receipt_cancel", 100.0, 0.0, 300.0),
            ],
        )
        self.assertEqual(
            (data["total_debit"], data["total_credit"], data["closing"]),
            (600.0, 1000.0, 300.0),
        )

    def test_printed_statement(self):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "crm_finance_light.report_partner_statement", self.wizard.ids
        )
        html = html.decode()
        self.assertIn(self.customer.name, html)
        for number in (self.contract_b.name, self.r2.name, self.r3.name):
            self.assertIn(number, html)
        self.assertNotIn(self.r4.name, html)
        self.assertNotIn(self.contract_a.name, html)
        self.assertIn("o_crm_statement_closing", html)

    def test_xlsx_export(self):
        action = self.wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertTrue(attachment.name.endswith(".xlsx"))
        sheet = load_workbook(io.BytesIO(attachment.raw)).active
        values = [row for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(values[5][6], 700.0)  # opening balance
        self.assertEqual(values[6][1], self.contract_b.name)
        self.assertEqual(values[-1][4:7], (600.0, 1000.0, 300.0))

    def test_supplier_statement(self):
        bill = self.env["crm.supplier.bill"].create(
            {
                "partner_id": self.supplier.id,
                "date": date(2024, 2, 1),
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "quantity": 2.0,
                            "price_unit": 40.0,
                        },
                    )
                ],
            }
        )
        bill.action_confirm()
        payment = self.env["crm.supplier.payment"].create(
            {
                "partner_id": self.supplier.id,
                "amount": 30.0,
                "date": date(2024, 2, 3),
                "payment_method_id": self.method_bank.id,
            }
        )
        payment.action_auto_allocate()
        payment.action_confirm()
        wizard = self.env["crm.partner.statement"].create(
            {
                "partner_id": self.supplier.id,
                "kind": "supplier",
                "date_from": date(2024, 2, 2),
                "date_to": date(2024, 2, 29),
            }
        )
        data = wizard._crm_statement_data()
        self.assertEqual(data["opening"], 80.0)
        self.assertEqual([line["balance"] for line in data["lines"]], [50.0])
        self.assertEqual(data["closing"], 50.0)

    # ------------------------------------------------------------------
    # The statement record: picker, URL, data for scripts
    # ------------------------------------------------------------------
    def _picker(self, kind):
        """The partners the statement's partner picker offers for ``kind``
        (its domain evaluated as the web client does)."""
        domain = self.env["crm.partner.statement"]._fields["partner_id"].domain
        evaluated = safe_eval(domain, {"kind": kind})
        return self.env["res.partner"].search(
            evaluated
            + [("id", "in", (self.customer | self.customer2 | self.supplier).ids)]
        )

    def test_partner_picker_follows_the_side(self):
        self.assertEqual(self._picker("customer"), self.customer | self.customer2)
        self.assertEqual(self._picker("supplier"), self.supplier)
        # the server refuses the wrong side too
        with self.assertRaisesRegex(ValidationError, "not a customer"):
            self.env["crm.partner.statement"].create(
                {"partner_id": self.supplier.id, "kind": "customer"}
            )
        with self.assertRaisesRegex(ValidationError, "not a supplier"):
            self.env["crm.partner.statement"].create(
                {"partner_id": self.customer.id, "kind": "supplier"}
            )
        # switching the side drops a partner of the other side
        with Form(self.env["crm.partner.statement"]) as form:
            form.partner_id = self.customer
            form.kind = "supplier"
            self.assertFalse(form.partner_id)
            form.partner_id = self.supplier

    def test_the_statement_has_a_url_that_reloads(self):
        """A stored record (not a transient that the vacuum removes) opened
        by an act_window with its res_id, in the main page."""
        Statement = self.env["crm.partner.statement"]
        self.assertFalse(Statement._transient)
        statement = Statement.with_user(self.clerk).create(
            {"partner_id": self.customer.id, "kind": "customer"}
        )
        action = statement.action_preview()
        self.assertEqual(
            (action["res_model"], action["res_id"], action["target"]),
            ("crm.partner.statement", statement.id, "current"),
        )
        self.assertTrue(statement.exists())
        # each finance user keeps their own statements
        self.assertFalse(
            Statement.with_user(self.cashier).search([("id", "=", statement.id)])
        )
        # the form shows the lines, computed when it is read
        html = str(self.wizard.statement_html)
        self.assertIn(self.r2.name, html)
        self.assertIn("300.00", html)
        partner_action = self.customer.action_crm_statement()
        self.assertEqual(partner_action["target"], "current")

    def test_statement_as_data_for_scripts(self):
        data = self.env["crm.partner.statement"].crm_statement(
            self.customer.id, "customer", "2024-02-01", "2024-02-29"
        )
        self.assertEqual(data, self.wizard.crm_statement_data())
        self.assertEqual((data["opening"], data["closing"]), (700.0, 300.0))
        self.assertEqual(data["date_from"], "2024-02-01")
        self.assertEqual(
            [line["balance"] for line in data["lines"]], [1200.0, 300.0, 200.0, 300.0]
        )
        self.assertIsInstance(data["lines"][0]["date"], str)
        with self.assertRaises(UserError):
            self.env["crm.partner.statement"].crm_statement(self.customer.id, "both")
        with self.assertRaisesRegex(ValidationError, "ends before"):
            self.env["crm.partner.statement"].crm_statement(
                self.customer.id, "customer", "2024-02-01", "2024-01-01"
            )

    def test_statement_sees_what_was_just_written(self):
        """_crm_statement_data flushes before its SQL: a change still in the
        ORM's cache (not yet in the database) is on the statement without the
        caller flushing."""
        self.env.flush_all()
        self.r2.sudo().reference = "BANK-REF-PENDING"
        self.assertIn("reference", str(self.env.cache.get_dirty_fields()))
        labels = [line["label"] for line in self.wizard._crm_statement_data()["lines"]]
        self.assertIn("BANK-REF-PENDING", labels)

    def test_email_template_in_the_partners_language(self):
        """The statement's e-mail in Chinese for a Chinese partner, in English
        otherwise; dates as the reader writes them."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_finance_light")]
        )._update_translations(["zh_CN"], overwrite=True)
        template = self.env.ref("crm_finance_light.mail_template_partner_statement")
        self.assertEqual(
            template.report_template_ids,
            self.env.ref("crm_finance_light.crm_partner_statement_report_action"),
        )

        def rendered(lang):
            self.customer.lang = lang
            ids = self.wizard.ids
            return (
                template._render_field("subject", ids, compute_lang=True)[ids[0]],
                str(
                    template._render_field("body_html", ids, compute_lang=True)[ids[0]]
                ),
            )

        subject, body = rendered("zh_CN")
        self.assertIn("对账单", subject)
        self.assertIn("2024年02月01日", subject)
        self.assertIn("请核对", body)
        self.assertNotIn("Please", body)
        subject, body = rendered("en_US")
        self.assertIn("statement", subject)
        self.assertIn("Please find attached the statement", body)
        self.assertNotIn("对账单", subject)
