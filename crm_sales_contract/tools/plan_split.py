"""Splitting a total into payment-plan installments, exactly to the cent.

Both helpers work in whole units of ``rounding`` (the cent for CNY), so the
installments always add up to the total: every installment but the last is
rounded, and the last one takes the remainder."""

from decimal import ROUND_HALF_UP, Decimal


def _to_units(amount, rounding):
    step = Decimal(str(rounding))
    return int((Decimal(str(amount)) / step).to_integral_value(ROUND_HALF_UP)), step


def _from_units(units, step):
    return float(Decimal(units) * step)


def split_equal(total, count, rounding=0.01):
    """Split ``total`` (>= 0) in ``count`` equal installments; the last one
    gets the rounding remainder."""
    if count < 1:
        raise ValueError("At least one installment is needed.")
    if total < 0:
        raise ValueError("The total cannot be negative.")
    units, step = _to_units(total, rounding)
    share = units // count
    amounts = [share] * (count - 1)
    amounts.append(units - share * (count - 1))
    return [_from_units(a, step) for a in amounts]


def split_percentages(total, percentages, rounding=0.01):
    """Split ``total`` (>= 0) by ``percentages`` (each >= 0, meant to add up to
    100); each installment but the last is rounded half up and never makes the
    running sum exceed the total; the last one gets the remainder."""
    if not percentages:
        raise ValueError("At least one installment is needed.")
    if total < 0 or any(p < 0 for p in percentages):
        raise ValueError("Amounts and percentages cannot be negative.")
    units, step = _to_units(total, rounding)
    amounts, allocated = [], 0
    for pct in percentages[:-1]:
        share = int(
            (Decimal(units) * Decimal(str(pct)) / 100).to_integral_value(ROUND_HALF_UP)
        )
        share = min(share, units - allocated)
        amounts.append(share)
        allocated += share
    amounts.append(units - allocated)
    return [_from_units(a, step) for a in amounts]
