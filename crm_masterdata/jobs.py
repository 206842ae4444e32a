"""What the suite's scheduled jobs share."""

import functools


def in_company_tz(method):
    """Decorate a scheduled job's method (under ``@api.model``) so it runs
    with the company's time zone in its context (``res.company._crm_tz``):
    ``fields.Date.context_today`` and every date the job derives from it are
    then the company's date. The jobs run as superuser, who has no time zone,
    and a night run in China (e.g. 02:00, 18:00 UTC) would otherwise count
    the day before."""

    @functools.wraps(method)
    def job(self, *args, **kwargs):
        tz = self.env["res.company"]._crm_tz()
        records = self if self.env.context.get("tz") == tz else self.with_context(tz=tz)
        return method(records, *args, **kwargs)

    job._crm_in_company_tz = True
    return job
