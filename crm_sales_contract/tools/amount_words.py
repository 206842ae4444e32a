"""Amounts in Chinese capital numerals (大写金额), as written on contracts,
invoices and cheques."""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("仟", "佰", "拾", "")
# one section of four digits each: 个, 万, 亿, 万亿
SECTIONS = ("", "万", "亿", "万亿")


def _section_words(value):
    """Words of a 0 < value < 10000 without leading zero."""
    words = []
    zero = False
    for digit, unit in zip(f"{value:04d}", UNITS, strict=True):
        digit = int(digit)
        if not digit:
            zero = bool(words)
            continue
        if zero:
            words.append(DIGITS[0])
            zero = False
        words.append(DIGITS[digit] + unit)
    return "".join(words)


def _integer_words(value):
    sections = []
    while value:
        value, section = divmod(value, 10000)
        sections.append(section)
    if len(sections) > len(SECTIONS):
        raise ValueError("Amount too large to be written in words.")
    words = []
    pending_zero = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if not section:
            pending_zero = bool(words)
            continue
        if words and (pending_zero or section < 1000):
            words.append(DIGITS[0])
        pending_zero = False
        words.append(_section_words(section) + SECTIONS[index])
    return "".join(words)


def amount_to_chinese_capital(amount):
    """Return ``amount`` (yuan, rounded half up to the fen) in Chinese capital
    numerals: 1234.56 → 壹仟贰佰叁拾肆元伍角陆分, 100 → 壹佰元整,
    1005 → 壹仟零伍元整, 0.05 → 伍分, 0 → 零元整; negative amounts start
    with 负."""
    value = Decimal(str(amount or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    prefix = ""
    if value < 0:
        prefix, value = "负", -value
    fen_total = int(value * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    if not fen_total:
        return "零元整"
    words = []
    if yuan:
        words.append(_integer_words(yuan) + "元")
    if jiao:
        words.append(DIGITS[jiao] + "角")
    if fen:
        if yuan and not jiao:
            words.append(DIGITS[0])
        words.append(DIGITS[fen] + "分")
    if not cents:
        words.append("整")
    return prefix + "".join(words)
