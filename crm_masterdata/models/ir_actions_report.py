"""Chinese prints: the CJK font check and the helpers the suite's reports use.

wkhtmltopdf draws text with the fonts fontconfig knows. Without a Chinese font
it silently drops every CJK character: titles, labels, names and 大写金额
vanish from the PDF. The suite warns about it once per process, when the
registry loads and again when a PDF is printed while the font is still missing,
so the log says why a print is blank.
"""

import datetime
import functools
import io
import logging
import os
import shutil
import subprocess
import tempfile

import pytz
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.modules.module import get_manifest
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)

# The families the suite's print CSS names, in order of preference.
# WenQuanYi Zen Hei first: with Noto Sans CJK, wkhtmltopdf writes 大, 日, 户...
# as Kangxi radicals (⼤, ⽇, ⼾) in the PDF's text layer.
CJK_FONT_FAMILIES = ("WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC")
CJK_FONT_PACKAGE = "fonts-wqy-zenhei"

# Process-wide state: the families found by the last check (None: not checked,
# or the last check found none) and whether the warning was already logged.
_state = {"families": None, "warned": False, "patched_qt": None}


def _stdout(args):
    """The standard output of the command ``args`` (10 s at most), or an empty
    string when it cannot run."""
    try:
        return subprocess.run(
            args, capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def cjk_font_families():
    """Families of the installed fonts that cover Chinese, as fontconfig
    (hence wkhtmltopdf) sees them: ``fc-list :lang=zh family``. Returns an
    empty tuple when there is none, or when fc-list is missing or fails."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return ()
    out = _stdout([fc_list, ":lang=zh", "family"])
    families = set()
    for line in out.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return tuple(sorted(families))


def wkhtmltopdf_patched_qt():
    """Whether wkhtmltopdf is built with its patched Qt (``wkhtmltopdf --version``
    says so). Debian's is not: it ignores ``--header-html``/``--footer-html``
    and says so on stderr, which Odoo logs as a warning at every print."""
    if _state["patched_qt"] is None:
        out = _stdout([_get_wkhtmltopdf_bin(), "--version"])
        _state["patched_qt"] = "patched qt" in out.lower()
    return _state["patched_qt"]


def ensure_runtime_dir():
    """Give wkhtmltopdf's Qt a private runtime directory when the server has
    none (a service account): without it, Qt complains on stderr at every
    print ("XDG_RUNTIME_DIR not set"), which Odoo logs as a warning."""
    if not os.environ.get("XDG_RUNTIME_DIR"):
        os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="odoo-qt-runtime-")


def format_date_cn(value, tz=None):
    """``2026-12-01`` → ``2026年12月01日``, as Chinese documents write dates.
    A datetime is shown in ``tz`` (a timezone name), else in UTC; an empty
    value gives an empty string; a string is parsed as a date first."""
    if not value:
        return ""
    if isinstance(value, str):
        parse = fields.Datetime.to_datetime if len(value) > 10 else fields.Date.to_date
        value = parse(value)
    if isinstance(value, datetime.datetime):
        if tz:
            value = pytz.utc.localize(value).astimezone(pytz.timezone(tz))
        value = value.date()
    return f"{value.year}年{value.month:02d}月{value.day:02d}日"


def format_address_cn(partner):
    """A Chinese one-line address, from the largest place to the smallest:
    province, city, street, street 2 (no spaces between them). A part that
    the next one already starts with is left out (a street written as
    "上海市浦东新区..." with the city 上海市)."""
    parts = [
        p.strip()
        for p in (partner.state_id.name, partner.city, partner.street, partner.street2)
        if p and p.strip()
    ]
    following = parts[1:] + [""] if parts else []
    return "".join(
        p for p, after in zip(parts, following, strict=True) if not after.startswith(p)
    )


# The author of the suite's addons (their manifests): their reports get page
# numbers stamped after rendering.
SUITE_AUTHOR = "CRM Suite Contributors"
# A CID font of the PDF standard: readers bring its glyphs, no font file needed.
PAGE_NUMBER_FONT = "STSong-Light"
PAGE_NUMBER_SIZE = 8
PAGE_NUMBER_BOTTOM = 18  # points from the bottom edge (in the 16 mm margin)


@functools.cache
def is_suite_module(module):
    """Whether ``module`` is one of the suite's addons (by its manifest's
    author)."""
    return bool(module) and get_manifest(module).get("author") == SUITE_AUTHOR


def stamp_page_numbers(pdf_bytes, chinese=True):
    """``pdf_bytes`` with "第 N 页 / 共 M 页" (``chinese``) or "Page N of M"
    centred at the bottom of every page. Debian's wkhtmltopdf (unpatched Qt)
    ignores the footer HTML where Odoo puts page numbers, so they are drawn
    on the rendered PDF instead (reportlab, merged with pypdf)."""
    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    total = len(reader.pages)
    if not total:
        return pdf_bytes
    if PAGE_NUMBER_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PAGE_NUMBER_FONT))
    overlay = io.BytesIO()
    can = canvas.Canvas(overlay)
    for number, page in enumerate(reader.pages, start=1):
        width = float(abs(page.mediabox.width))
        can.setPageSize((width, float(abs(page.mediabox.height))))
        can.setFont(PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        text = (
            f"第 {number} 页 / 共 {total} 页"
            if chinese
            else f"Page {number} of {total}"
        )
        can.drawCentredString(width / 2, PAGE_NUMBER_BOTTOM, text)
        can.showPage()
    can.save()
    overlay_reader = PdfFileReader(overlay, strict=False)
    writer = PdfFileWriter()
    for page, stamp in zip(reader.pages, overlay_reader.pages, strict=True):
        page.merge_page(stamp)
        writer.add_page(page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _crm_check_cjk_font(self, printing=False):
        """Return the installed Chinese font families. When there is none, log
        one clear warning (once per process, at start-up or at the first
        print), and a short one at every later print. A found font is
        remembered; a missing one is looked for again at the next call, so
        installing the font needs no restart."""
        if _state["families"]:
            return _state["families"]
        families = cjk_font_families()
        if families:
            _state["families"] = families
            return families
        if _state["warned"]:
            if printing:
                _logger.warning(
                    "Printing a PDF without a Chinese (CJK) font: its Chinese text "
                    "will be missing (apt-get install %s).",
                    CJK_FONT_PACKAGE,
                )
        else:
            _state["warned"] = True
            _logger.warning(
                "No Chinese (CJK) font is installed: wkhtmltopdf will drop every "
                "Chinese character from printed contracts and statements (titles, "
                "names, amounts in words). `fc-list :lang=zh` finds nothing; install "
                "one, e.g. `apt-get install %s` (the suite's prints use %s).",
                CJK_FONT_PACKAGE,
                ", ".join(CJK_FONT_FAMILIES),
            )
        return ()

    def _register_hook(self):
        res = super()._register_hook()
        self._crm_check_cjk_font()
        return res

    @api.model
    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        self._crm_check_cjk_font(printing=True)
        if not wkhtmltopdf_patched_qt():
            # ignored by this build anyway, and it would say so at every print
            # (the suite's prints keep their letterhead in the page itself)
            header = footer = None
        ensure_runtime_dir()
        return super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )

    def _crm_page_numbers_chinese(self):
        """Page numbers in Chinese for a Chinese reader: the user's language,
        else the company's."""
        langs = (self.env.lang or "", self.env.company._crm_lang() or "")
        return any(lang.startswith("zh") for lang in langs)

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """The suite's PDFs get "第 N 页 / 共 M 页" on every page, numbered per
        document (a stored attachment was numbered when it was printed)."""
        streams = super()._render_qweb_pdf_prepare_streams(
            report_ref, data, res_ids=res_ids
        )
        report = self._get_report(report_ref)
        if not is_suite_module(report.report_name.split(".")[0]):
            return streams
        chinese = self._crm_page_numbers_chinese()
        for entry in streams.values():
            stream = entry.get("stream")
            if not stream or (entry.get("attachment") and report.attachment_use):
                continue
            entry["stream"] = io.BytesIO(
                stamp_page_numbers(stream.getvalue(), chinese=chinese)
            )
        return streams

    def _get_rendering_context(self, report, docids, data):
        data = super()._get_rendering_context(report, docids, data)
        tz = self.env.context.get("tz") or self.env.user.tz
        data.setdefault("crm_date_cn", lambda value: format_date_cn(value, tz=tz))
        data.setdefault("crm_address_cn", format_address_cn)
        return data
