from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

MASTERDATA_MODELS = (
    "crm.purchase.type",
    "crm.customer.category",
    "crm.supplier.category",
    "crm.distributor.category",
    "crm.stock.nature",
    "crm.warehouse",
    "crm.expense.category",
    "crm.payment.method",
)


class MasterdataCommon(BaseCommon):
    """A plain suite user, a suite administrator and one record of every master
    data model, in the main company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.md_user = new_test_user(
            cls.env,
            login="md_user",
            name="普通用户",
            groups="crm_masterdata.crm_masterdata_group_user",
        )
        cls.md_admin = new_test_user(
            cls.env,
            login="md_admin",
            name="基础数据管理员",
            groups="crm_masterdata.crm_masterdata_group_admin",
        )
        cls.records = {
            model: cls.env[model].create(
                {"name": f"Test {model}", "code": f"T-{index}"}
            )
            for index, model in enumerate(MASTERDATA_MODELS)
        }
