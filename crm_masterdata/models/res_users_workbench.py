"""Landing: the suite's users land on the workbench after login.

Odoo opens a user's home action (``res.users.action_id``) when the address
names no action. A user who gets a role in the suite and has no home action
gets the workbench; a home action chosen by hand is kept, and Odoo's own apps
keep their menus and order. A user who loses every suite role loses the
workbench as home action."""

from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._crm_workbench_set_home()
        return users

    def write(self, vals):
        result = super().write(vals)
        if any(
            key == "groups_id" or key.startswith(("in_group_", "sel_groups_"))
            for key in vals
        ):
            self._crm_workbench_set_home()
        return result

    def _crm_workbench_set_home(self):
        action = self.env.ref(
            "crm_masterdata.crm_workbench_action", raise_if_not_found=False
        )
        group = self.env.ref(
            "crm_masterdata.crm_masterdata_group_user", raise_if_not_found=False
        )
        if not action or not group:
            return
        to_set, to_clear = self.browse(), self.browse()
        for user in self.sudo():
            in_suite = not user.share and group in user.groups_id
            if in_suite and not user.action_id:
                to_set |= user
            elif not in_suite and user.action_id.id == action.id:
                to_clear |= user
        if to_set:
            to_set.sudo().write({"action_id": action.id})
        if to_clear:
            to_clear.sudo().write({"action_id": False})

    @api.model
    def _crm_workbench_set_home_all(self):
        """At installation: every user of the suite without a home action."""
        group = self.env.ref("crm_masterdata.crm_masterdata_group_user")
        self.sudo().with_context(active_test=False).search(
            [("groups_id", "in", group.ids), ("action_id", "=", False)]
        )._crm_workbench_set_home()


class ResGroups(models.Model):
    _inherit = "res.groups"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        """Users added to or removed from a group on the group's form: their
        home action follows their suite role too."""
        before = self.users if "users" in vals else None
        result = super().write(vals)
        if before is not None:
            (before | self.users)._crm_workbench_set_home()
        return result
