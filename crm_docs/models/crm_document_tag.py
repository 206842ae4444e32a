from random import randint

from odoo import fields, models


class CrmDocumentTag(models.Model):
    _name = "crm.document.tag"
    _description = "Document Tag"
    _order = "name"

    name = fields.Char(required=True)
    color = fields.Integer(default=lambda self: randint(1, 11))
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique (name)", "A tag with this name already exists."),
    ]
