from .amount_words import amount_to_chinese_capital
from .plan_split import split_equal, split_percentages
