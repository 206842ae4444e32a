"""Running the suite's scripts examples (``<addon>/examples/*.py``) against the
test database's server, so the examples of readme/USAGE.md "Scripts" cannot
rot. Used by the ``test_examples`` modules of every addon."""

import os
import subprocess
import sys
from xmlrpc.client import Fault

from odoo.modules.module import get_module_path
from odoo.tools import mute_logger

SCRIPT_PASSWORD = "scripts-example-pw"
REFUSAL_CODES = (2, 4)  # Odoo's XML-RPC fault codes: UserError, AccessError


class ExamplesMixin:
    """For an ``HttpCase``: run an example as a user, call methods over
    XML-RPC and expect refusals."""

    @classmethod
    def _script_user(cls, user):
        """``user`` with a password the scripts log in with."""
        user.sudo().write({"password": SCRIPT_PASSWORD})
        return user

    def run_example(self, addon, filename, user, **env):
        """Run ``<addon>/examples/<filename>`` as a script (its own Python
        process, only the standard library), logged in as ``user`` on this
        test's server and database; ``env``: its CRM_* variables. Returns
        what it printed; fails the test when it fails."""
        path = os.path.join(get_module_path(addon), "examples", filename)
        variables = dict(os.environ, **{k: str(v) for k, v in env.items()})
        with mute_logger("odoo.http"):
            done = subprocess.run(
                [
                    sys.executable,
                    path,
                    self.base_url(),
                    self.env.cr.dbname,
                    user.login,
                    SCRIPT_PASSWORD,
                ],
                capture_output=True,
                text=True,
                env=variables,
                timeout=120,
                check=False,
            )
        self.assertEqual(
            done.returncode, 0, f"{filename} failed:\n{done.stdout}\n{done.stderr}"
        )
        self.env.invalidate_all()
        return done.stdout

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            SCRIPT_PASSWORD,
            model,
            method,
            list(args),
            kwargs,
        )

    def assertRefused(self, label, user, model, method, *args, **kwargs):
        """The call is refused with a UserError or an AccessError; returns the
        fault (its faultString is the message)."""
        with self.assertRaises(Fault, msg=label) as caught, mute_logger("odoo.http"):
            self.rpc(user, model, method, *args, **kwargs)
        fault = caught.exception
        self.assertIn(fault.faultCode, REFUSAL_CODES, f"{label}: {fault.faultString}")
        return fault
