import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.constrains("default_code")
    def _check_crm_default_code_unique(self):
        """An internal reference identifies one product within a company; a
        product shared by all companies clashes with the products of any."""
        products = self.filtered("default_code")
        if not products:
            return
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search([("default_code", "in", products.mapped("default_code"))])
        )
        for product in products:
            clash = others.filtered(
                lambda p, product=product: p.id != product.id
                and p.default_code == product.default_code
                and (
                    not p.company_id
                    or not product.company_id
                    or p.company_id == product.company_id
                )
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "The internal reference %(code)s of %(product)s is already "
                        "used by %(other)s: internal references are unique within a "
                        "company.",
                        code=product.default_code,
                        product=product.display_name,
                        other=clash[0].display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Prices (采购价 and 销售价), used by the contracts and finance addons
    # ------------------------------------------------------------------
    def _crm_price_datetime(self, date):
        """The moment a price list rule must be valid at for ``date``: the start
        of that day in the user's timezone (rules store UTC datetimes)."""
        if not date:
            return fields.Datetime.now()
        if isinstance(date, datetime.datetime):
            return date
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        local = tz.localize(datetime.datetime.combine(date, datetime.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _crm_get_sales_pricelist(self, partner, customer_category=None):
        """The price list that gives ``partner`` its prices: the one of their
        customer category, else their own, else none (the sales price)."""
        category = customer_category
        if (
            category is None
            and partner
            and partner._fields.get("crm_customer_category_id")
        ):
            category = (
                partner.crm_customer_category_id
                or partner.commercial_partner_id.crm_customer_category_id
            )
        if category and category.pricelist_id:
            return category.pricelist_id
        if partner:
            return partner.with_company(self.env.company).property_product_pricelist
        return self.env["product.pricelist"]

    def _crm_get_sales_price(
        self, partner, quantity=1.0, date=None, uom=None, customer_category=None
    ):
        """Unit sales price of this product for ``partner``, in the company
        currency, per ``uom`` (default: the product's unit).

        Prices of the suite are entered tax included (含税价), as Chinese companies
        quote them; the price is returned as entered, no tax is added or removed.
        The price comes from the price list of the partner's customer category
        (``customer_category`` when given, e.g. by tests or a quotation for a
        prospect), else the partner's own price list, else the product's sales
        price; price lists honour quantity breaks and validity dates, and a
        product without a rule in the list gets its sales price.
        """
        self.ensure_one()
        company = self.env.company
        pricelist = self._crm_get_sales_pricelist(partner, customer_category)
        currency = pricelist.currency_id or company.currency_id
        moment = self._crm_price_datetime(date)
        price = pricelist._get_product_price(
            self, quantity, currency=currency, uom=uom, date=moment
        )
        if currency != company.currency_id:
            price = currency._convert(
                price, company.currency_id, company, moment.date(), round=False
            )
        return price

    def _crm_get_purchase_price(self, quantity=1.0, date=None, supplier=None):
        """Unit purchase cost of this product, in the company currency, per unit
        of the product: the best vendor price (``product.supplierinfo``) valid at
        ``date`` for ``quantity`` (of ``supplier`` when given), else the cost."""
        self.ensure_one()
        company = self.env.company
        if isinstance(date, datetime.datetime):
            date = date.date()
        date = date or fields.Date.context_today(self)
        seller = self._select_seller(
            partner_id=supplier or False,
            quantity=quantity,
            date=date,
            uom_id=self.uom_id,
        )
        if not seller:
            return self.with_company(company).standard_price
        price = seller.price_discounted
        if seller.product_uom and seller.product_uom != self.uom_id:
            price = seller.product_uom._compute_price(price, self.uom_id)
        if seller.currency_id != company.currency_id:
            price = seller.currency_id._convert(
                price, company.currency_id, company, date, round=False
            )
        return price
