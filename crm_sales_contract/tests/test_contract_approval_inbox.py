from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ContractCommon

INBOX = [("crm_is_approval", "=", True)]


@tagged("post_install", "-at_install")
class TestApprovalInbox(ContractCommon):
    """待我审批: the approval requests of the current user, decided from the
    list; approve/reject buttons only for who may decide; texts in the
    reader's language; a notification after each action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.crm_floor_price = 80.0

    def _inbox(self, user):
        action = self.env.ref("crm_sales_contract.crm_approval_action_my")
        domain = [("user_id", "=", user.id), ("crm_is_approval", "=", True)]
        self.assertIn("crm_is_approval", action.domain)
        return self.env["mail.activity"].with_user(user).search(domain)

    def _submitted(self):
        contract = self._contract(lines=((1.0, 70.0),))
        result = contract.with_user(self.rep).action_submit()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn(contract.name, result["params"]["message"])
        self.assertIn(self.mgr.name, result["params"]["message"])
        return contract

    def test_inbox_lists_the_approvers_requests_only(self):
        contract = self._submitted()
        inbox = self._inbox(self.mgr)
        self.assertEqual(inbox.mapped("res_id"), [contract.id])
        self.assertEqual(inbox.crm_model_name, "Sales Contract")
        for key in ("rep", "rep2", "director", "sales_admin"):
            self.assertFalse(self._inbox(getattr(self, key)), key)
        # an ordinary to-do is not an approval request
        contract.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.mgr.id, summary="Call"
        )
        self.assertEqual(len(self._inbox(self.mgr)), 1)

    def test_approve_from_the_inbox(self):
        contract = self._submitted()
        activity = self._inbox(self.mgr)
        action = activity.action_crm_approve()
        self.assertEqual(action["res_model"], "crm.contract.approve")
        wizard = (
            self.env["crm.contract.approve"]
            .with_user(self.mgr)
            .with_context(**action["context"])
            .create({"comment": "OK"})
        )
        result = wizard.action_apply()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(
            result["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertIn(contract.name, result["params"]["message"])
        self.assertEqual(contract.state, "confirmed")
        self.assertFalse(self._inbox(self.mgr), "decided: gone from the list")

    def test_reject_from_the_inbox(self):
        contract = self._submitted()
        action = self._inbox(self.mgr).action_crm_reject()
        self.assertEqual(action["context"]["default_decision"], "reject")
        wizard = (
            self.env["crm.contract.approve"]
            .with_user(self.mgr)
            .with_context(**action["context"])
            .create({"comment": "Too cheap"})
        )
        self.assertEqual(wizard.action_apply()["tag"], "display_notification")
        self.assertEqual(contract.state, "draft")

    def test_inbox_refuses_who_may_not_decide(self):
        contract = self._submitted()
        activity = self._inbox(self.mgr)
        # reads the contract (All level) but is neither approver nor admin
        with self.assertRaises(AccessError):
            activity.with_user(self.director).action_crm_approve()
        # cannot read the contract at all
        with self.assertRaises(AccessError):
            activity.with_user(self.outsider).action_crm_reject()
        # an ordinary to-do cannot be "approved"
        todo = contract.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.mgr.id, summary="Call"
        )
        with self.assertRaisesRegex(UserError, "not an approval request"):
            todo.with_user(self.mgr).action_crm_approve()
        # nothing else than approve or reject
        with self.assertRaises(UserError):
            activity.with_user(self.mgr)._crm_approval_decide("cancel")
        # a sales administrator may decide although the request is the manager's
        action = activity.with_user(self.sales_admin).action_crm_approve()
        self.assertEqual(action["res_model"], "crm.contract.approve")

    def test_can_approve_follows_the_server(self):
        contract = self._submitted()
        expected = {
            "mgr": True,
            "sales_admin": True,
            "rep": False,
            "rep2": False,
            "director": False,
        }
        for key, allowed in expected.items():
            user = getattr(self, key)
            record = contract.with_user(user)
            if not record.has_access("read"):
                continue
            self.assertEqual(record.crm_can_approve, allowed, key)
            if allowed:
                record._crm_open_approval_wizard("approve")
            else:
                with self.assertRaises(AccessError):
                    record._crm_open_approval_wizard("approve")
        # a draft contract shows the buttons to nobody
        draft = self._contract(lines=((1.0, 70.0),))
        self.assertFalse(draft.with_user(self.mgr).crm_can_approve)
        self.assertFalse(draft.with_user(self.sales_admin).crm_can_approve)

    def test_confirm_cancel_done_draft_notify(self):
        contract = self._contract(lines=((1.0, 100.0),))
        result = contract.with_user(self.rep).action_confirm()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn(contract.name, result["params"]["message"])
        result = contract.with_user(self.rep).action_done()
        self.assertIn(contract.name, result["params"]["message"])
        other = self._contract(lines=((1.0, 100.0),))
        action = other.with_user(self.rep).action_cancel()
        wizard = (
            self.env["crm.contract.cancel"]
            .with_user(self.rep)
            .with_context(**action["context"])
            .create({"reason": "Customer changed its mind"})
        )
        result = wizard.action_cancel()
        self.assertEqual(
            result["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertEqual(other.state, "cancelled")
        result = other.with_user(self.rep).action_draft()
        self.assertIn(other.name, result["params"]["message"])
        self.assertEqual(other.state, "draft")

    def test_approval_texts_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_sales_contract")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.mgr.lang = "zh_CN"
        self.rep.lang = "en_US"
        contract = self._submitted()
        activity = self._inbox(self.mgr)
        self.assertEqual(activity.summary, f"审批 {contract.name}")
        self.assertIn("低于", activity.note)  # below the floor price, in Chinese
        self.assertNotIn("floor", activity.note)
        # the owner reads the decision in English, the approver wrote in Chinese
        action = activity.with_user(self.mgr).action_crm_approve()
        self.env["crm.contract.approve"].with_user(self.mgr).with_context(
            lang="zh_CN", **action["context"]
        ).create({"comment": "好"}).action_apply()
        done = self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.contract"),
                ("res_id", "=", contract.id),
                ("user_id", "=", self.rep.id),
            ]
        )
        self.assertEqual(done.summary, f"{contract.name} approved")
        # and the other way round
        self.mgr.lang = "en_US"
        self.rep.lang = "zh_CN"
        other = self._submitted()
        self.assertEqual(self._inbox(self.mgr).summary, f"Approve {other.name}")
