"""Phone-first screens, checked from the actions' data so they cannot regress.

Each addon's ``tests/test_phone_views.py`` lists its main actions in a table:
on a small screen the action opens as cards (``mobile_view_mode`` kanban, a
kanban among its views, the card showing the fields that matter at a glance),
and the main buttons of its form are in the phone bar (``o_crm_phone_actions``,
shown on small screens only, since Odoo folds a form's header buttons under the
gear menu on a phone).
"""

from lxml import etree


class PhoneViewsMixin:
    """Mixed into a TransactionCase; not a test case itself (so importing it
    does not run its checks twice)."""

    # Odoo's loader runs only the test methods a class defines itself,
    # inherited ones only with this flag
    allow_inherited_tests_method = True

    # (action xml id, fields the card shows)
    PHONE_ACTIONS = ()
    # (model, form view xml id or False, button names in the phone bar)
    PHONE_BUTTONS = ()

    def _arch(self, model, view_type, view_id=False):
        views = self.env[model].get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_main_actions_open_as_cards_on_a_phone(self):
        self.assertTrue(self.PHONE_ACTIONS, "the table lists the main actions")
        for xmlid, card_fields in self.PHONE_ACTIONS:
            with self.subTest(action=xmlid):
                action = self.env.ref(xmlid)
                self.assertEqual(action.mobile_view_mode, "kanban")
                modes = [m.strip() for m in action.view_mode.split(",")]
                self.assertIn("kanban", modes, "kanban is among the action's views")
                view_id = dict((mode, vid) for vid, mode in action.views).get("kanban")
                arch = self._arch(action.res_model, "kanban", view_id)
                self.assertEqual(arch.tag, "kanban")
                shown = {node.get("name") for node in arch.iter("field")}
                missing = set(card_fields) - shown
                self.assertFalse(missing, f"the card of {xmlid} shows {missing}")

    def test_main_buttons_in_the_phone_bar(self):
        for model, view_xmlid, buttons in self.PHONE_BUTTONS:
            with self.subTest(model=model, view=view_xmlid):
                view_id = self.env.ref(view_xmlid).id if view_xmlid else False
                arch = self._arch(model, "form", view_id)
                bars = arch.xpath("//div[contains(@class, 'o_crm_phone_actions')]")
                self.assertEqual(len(bars), 1, "one phone bar in the form")
                self.assertIn("d-md-none", bars[0].get("class"), "phone only")
                names = {b.get("name") for b in bars[0].iter("button")}
                self.assertFalse(
                    set(buttons) - names, f"{set(buttons) - names} not in the phone bar"
                )
                header = {b.get("name") for b in arch.xpath("//header//button")}
                self.assertFalse(
                    set(buttons) - header, "the same buttons stay in the desktop header"
                )
