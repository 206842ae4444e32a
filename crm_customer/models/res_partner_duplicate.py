"""Customers on res.partner: the duplicate check (查重)."""

import re
import unicodedata

from stdnum.cn import uscc as stdnum_uscc

from odoo import api, models
from odoo.exceptions import ValidationError

# Legal-form suffixes ignored when comparing company names, longest first.
LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司")


def normalize_name(name):
    """Company name as compared by the duplicate check: NFKC (full-width to
    half-width), case-folded, without spaces, without "(集团)", brackets and a
    trailing legal form (有限公司, 有限责任公司, 股份有限公司)."""
    if not name:
        return False
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"\s+", "", text)
    text = text.replace("(集团)", "")
    text = re.sub(r"[()\[\]【】〔〕]", "", text)
    stripped = True
    while stripped:
        stripped = False
        for suffix in LEGAL_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                stripped = True
                break
    return text or False


def normalize_phone(phone):
    """Phone number as compared by the duplicate check: digits only, without
    the +86 / 0086 country code, spaces, dashes, dots or brackets."""
    if not phone:
        return False
    text = re.sub(r"[\s\-().]", "", unicodedata.normalize("NFKC", phone))
    national = None
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            national = text[len(prefix) :]
            break
    if national is None and text.startswith("86") and len(text) == 13:
        national = text[2:]
    if national is not None:
        text = national
        # after the country code, a landline has lost its trunk prefix 0
        if not re.match(r"^1[3-9]\d{9}$", text) and not text.startswith("0"):
            text = "0" + text
    text = re.sub(r"\D", "", text)
    return text or False


# one class per concern (DEVELOP.md "Where things are")
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.depends("name", "phone", "mobile", "crm_is_customer")
    def _compute_crm_normalized(self):
        for partner in self:
            customer = partner.crm_is_customer
            partner.crm_name_normalized = customer and normalize_name(partner.name)
            partner.crm_phone_normalized = customer and normalize_phone(partner.phone)
            partner.crm_mobile_normalized = customer and normalize_phone(partner.mobile)

    @api.constrains("name", "is_company", "crm_is_customer", "parent_id", "company_id")
    def _check_crm_duplicate_name(self):
        for partner in self:
            if not (
                partner.crm_is_customer
                and partner.is_company
                and not partner.parent_id
                and partner.crm_name_normalized
            ):
                continue
            other = (
                self.sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("crm_name_normalized", "=", partner.crm_name_normalized),
                        ("crm_is_customer", "=", True),
                        ("is_company", "=", True),
                        ("parent_id", "=", False),
                        ("company_id", "=", partner.company_id.id),
                        ("id", "!=", partner.id),
                    ],
                    limit=1,
                )
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "A customer with the same name already exists: %(match)s. "
                        "Claim it from the pool or ask its owner instead of creating "
                        "it again.",
                        match=other._crm_duplicate_label(),
                    )
                )

    @api.onchange("name", "phone", "mobile", "crm_uscc", "is_company")
    def _onchange_crm_duplicates(self):
        if not self.crm_is_customer or self.parent_id:
            return None
        matches = self._crm_find_duplicates(
            name=self.name if self.is_company else None,
            phones=[self.phone, self.mobile],
            uscc=self.crm_uscc,
            company=self.company_id,
            exclude_ids=self._origin.ids,
        )
        if not matches:
            return None
        lines = "\n".join(
            self.env._("%(name)s (%(owner)s): same %(reason)s", **m) for m in matches
        )
        return {
            "warning": {
                "title": self.env._("Possible duplicate customer"),
                "message": self.env._(
                    "These customers already exist:\n%(lines)s", lines=lines
                ),
            }
        }

    def _crm_check_unique(self, vals):
        """Refuse a credit code or a customer number that another customer of
        the same company has, before anything is written (the unique indexes
        of init() only back this up against concurrent transactions)."""
        company_id = vals.get("company_id", self.company_id.id) or False
        parent_id = vals.get("parent_id", self.parent_id.id) or False
        Partner = self.sudo().with_context(active_test=False)
        for fname, message in (
            (
                "crm_uscc",
                self.env._(
                    "The unified social credit code %(code)s is already used by "
                    "the customer %(match)s."
                ),
            ),
            (
                "crm_customer_code",
                self.env._(
                    "The customer number %(code)s is already used by the customer "
                    "%(match)s."
                ),
            ),
        ):
            code = vals.get(fname)
            if not code or (fname == "crm_uscc" and parent_id):
                continue
            domain = [(fname, "=", code), ("company_id", "=", company_id)]
            if fname == "crm_uscc":
                domain.append(("parent_id", "=", False))
            if self.ids:
                domain.append(("id", "not in", self.ids))
            other = Partner.search(domain, limit=1)
            if other:
                raise ValidationError(
                    message % {"code": code, "match": other._crm_duplicate_label()}
                )

    def action_crm_check_duplicates(self):
        self.ensure_one()
        wizard = self.env["crm.customer.duplicate"].create(
            {
                "partner_id": self.id,
                "name": self.name,
                "phone": self.phone or self.mobile,
                "uscc": self.crm_uscc,
            }
        )
        return wizard._action_open()

    def _crm_duplicate_label(self):
        """``name (owner)`` of a matching customer, computed under sudo: the
        only detail the duplicate check tells."""
        self.ensure_one()
        partner = self.sudo()
        return f"{partner.display_name} ({partner._crm_owner_label()})"

    def _crm_owner_label(self):
        owner = self.sudo().crm_owner_id
        return owner.name if owner else self.env._("in the pool")

    @api.model
    def _crm_find_duplicates(
        self, name=None, phones=None, uscc=None, company=None, exclude_ids=()
    ):
        """Existing customer accounts matching a credit code, a normalised
        company name or a normalised phone number, found under sudo. Returns a
        list of dicts with only ``partner_id``, ``name``, ``owner`` (name or "in
        the pool") and ``reason``, whatever the user may read."""
        Partner = self.sudo().with_context(active_test=False)
        base = [("crm_is_customer", "=", True)]
        if company is not None:
            base.append(("company_id", "=", company.id or False))
        if exclude_ids:
            base.append(("id", "not in", list(exclude_ids)))
        found = {}

        def add(partners, reason):
            for partner in partners:
                account = partner.commercial_partner_id
                if account.id in exclude_ids:
                    continue
                found.setdefault(account.id, (account, set()))[1].add(reason)

        if uscc:
            code = stdnum_uscc.compact(uscc)
            add(Partner.search(base + [("crm_uscc", "=", code)], limit=20), "uscc")
        normalized = normalize_name(name) if name else False
        if normalized:
            add(
                Partner.search(
                    base
                    + [
                        ("crm_name_normalized", "=", normalized),
                        ("parent_id", "=", False),
                    ],
                    limit=20,
                ),
                "name",
            )
        numbers = [n for n in {normalize_phone(p) for p in phones or []} if n]
        if numbers:
            add(
                Partner.search(
                    base
                    + [
                        "|",
                        ("crm_phone_normalized", "in", numbers),
                        ("crm_mobile_normalized", "in", numbers),
                    ],
                    limit=20,
                ),
                "phone",
            )
        labels = {
            "uscc": self.env._("credit code"),
            "name": self.env._("name"),
            "phone": self.env._("phone"),
        }
        return [
            {
                "partner_id": account.id,
                "name": account.display_name,
                "owner": account._crm_owner_label(),
                "reason": ", ".join(labels[r] for r in sorted(reasons)),
            }
            for account, reasons in found.values()
        ]
