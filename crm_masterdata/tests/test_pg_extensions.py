from contextlib import nullcontext
from types import SimpleNamespace
from unittest.mock import patch

import psycopg2

from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata import pg_extensions


@tagged("post_install", "-at_install")
class TestPgExtensions(TransactionCase):
    def test_trigram_available(self):
        """On the project's PostgreSQL the suite's addons get pg_trgm (their
        trigram indexes exist) and the registry knows it."""
        self.assertTrue(pg_extensions.ensure_trigram(self.env, "test", "-"))
        self.assertTrue(self.env.registry.has_trigram)
        self.env.cr.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        self.assertTrue(self.env.cr.fetchone())

    def test_trigram_refused(self):
        """Where the database refuses the extension, the addon installs all
        the same: the helper says so in a warning naming the addon and what
        it means, and reports the extension missing."""

        class Cursor:
            statements = []

            def savepoint(self, flush=True):
                return nullcontext()

            def execute(self, query):
                self.statements.append(query)
                raise psycopg2.errors.InsufficientPrivilege("permission denied")

        env = SimpleNamespace(cr=Cursor(), registry=SimpleNamespace(has_trigram=None))
        with (
            patch.object(pg_extensions, "has_trigram", return_value=False),
            self.assertLogs(pg_extensions.__name__, "WARNING") as logs,
        ):
            self.assertFalse(
                pg_extensions.ensure_trigram(env, "crm_docs", "searches scan.")
            )
        self.assertEqual(Cursor.statements, ["CREATE EXTENSION IF NOT EXISTS pg_trgm"])
        self.assertFalse(env.registry.has_trigram)
        self.assertIn("crm_docs", logs.output[0])
        self.assertIn("permission denied", logs.output[0])
        self.assertIn("searches scan.", logs.output[0])
