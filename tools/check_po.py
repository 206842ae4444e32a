"""Check every addon's Chinese translations: i18n/<addon>.pot and i18n/zh_CN.po
exist, every term of the template is translated, none is fuzzy, and the
placeholders (%s, %(name)s, {name}) of each translation match its source, and
every occurrence reads as Odoo's PO reader needs it (``code:<path>:<line>``:
one without a line number makes Odoo's loading of the whole file fail, and every
Chinese text of the addon with it), and every term used in Python code is marked
``#. odoo-python`` (in static files ``#. odoo-javascript``): Odoo loads only the
marked ones as code translations, so an unmarked one stays English)."""

import pathlib
import re
import sys

import polib

PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")


def check(addon_dir):
    problems = []
    i18n = addon_dir / "i18n"
    pot_path, po_path = i18n / f"{addon_dir.name}.pot", i18n / "zh_CN.po"
    for path in (pot_path, po_path):
        if not path.exists():
            problems.append(f"{path}: missing")
    if problems:
        return problems
    pot, po = polib.pofile(str(pot_path)), polib.pofile(str(po_path))
    translated = {(e.msgctxt, e.msgid): e for e in po}
    for path, catalog in ((pot_path, pot), (po_path, po)):
        for entry in catalog:
            for source, line in entry.occurrences:
                if source.startswith("code:") and not line.isdigit():
                    problems.append(
                        f"{path}: {entry.msgid[:60]!r}: occurrence {source!r}"
                        " needs a line number (code:<path>:0)"
                    )
                if source.startswith("code:"):
                    mark = "odoo-javascript" if "/static/" in source else "odoo-python"
                    if mark not in entry.comment.splitlines():
                        problems.append(
                            f"{path}: {entry.msgid[:60]!r}: occurrence {source!r}"
                            f" needs the comment '#. {mark}' (else never translated)"
                        )
    for entry in pot:
        key = (entry.msgctxt, entry.msgid)
        tr = translated.get(key)
        where = f"{po_path}: {entry.msgid[:60]!r}"
        if tr is None or not tr.msgstr.strip():
            problems.append(f"{where}: not translated")
        elif "fuzzy" in tr.flags:
            problems.append(f"{where}: fuzzy")
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(
            PLACEHOLDER.findall(tr.msgstr)
        ):
            problems.append(f"{where}: placeholders differ in {tr.msgstr[:60]!r}")
    return problems


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    problems = []
    for manifest in sorted(root.glob("*/__manifest__.py")):
        problems += check(manifest.parent)
    for p in problems[:100]:
        print(p)
    if len(problems) > 100:
        print(f"... and {len(problems) - 100} more")
    print(f"translations: {len(problems)} problem(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
