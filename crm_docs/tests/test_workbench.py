from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import DocsCommon


def tile(data, key):
    return next((t for t in data["tiles"] if t["key"] == key), None)


@tagged("post_install", "-at_install")
class TestDocsWorkbench(DocsCommon):
    """Knowledge managers see the documents submitted and due for re-review;
    authors and other roles get no documents tile."""

    SUBMITTED = "crm_docs.submitted"
    REVIEW = "crm_docs.review_due"

    def data(self, user):
        return self.env["crm.workbench"].with_user(user).crm_workbench_data()

    def test_tiles_by_role(self):
        today = fields.Date.context_today(self.env["res.partner"])
        before = {
            key: tile(self.data(self.km), key)["count"]
            for key in (self.SUBMITTED, self.REVIEW)
        }
        submitted = self._doc(self.author, name="Submitted doc")
        submitted.action_submit()
        due = self._doc(self.author, name="Due doc")
        due.action_submit()
        due.with_user(self.km).write({"grade": "featured"})
        due.with_user(self.km).action_publish()
        due.with_user(self.km).review_date = today - timedelta(days=1)
        later = self._doc(self.author2, name="Later doc")
        later.action_submit()
        later.with_user(self.km).write({"grade": "ordinary"})
        later.with_user(self.km).action_publish()
        later.with_user(self.km).review_date = today + timedelta(days=30)
        data = self.data(self.km)
        self.assertEqual(
            tile(data, self.SUBMITTED)["count"] - before[self.SUBMITTED], 1
        )
        self.assertEqual(tile(data, self.REVIEW)["count"] - before[self.REVIEW], 1)
        for user in (self.author, self.mgr, self.all_user, self.rep, self.nobody):
            self.assertIsNone(tile(self.data(user), self.REVIEW), user.login)
        action = (
            self.env["crm.workbench"]
            .with_user(self.km)
            .crm_workbench_action(tile(data, self.REVIEW)["action"])
        )
        found = self.env["crm.document"].with_user(self.km).search(action["domain"])
        self.assertIn(due, found)
        self.assertNotIn(later, found)
