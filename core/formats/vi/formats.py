"""Vietnamese administrative date formats.

Django's own ``vi`` formats print ``5-2-2024`` or "Ngày 5 tháng 2 năm 2024";
Vietnamese offices write ``05/02/2024`` and ``14h00 ngày 31/01/2024``.
"""

DATE_FORMAT = "d/m/Y"
TIME_FORMAT = r"H\hi"
DATETIME_FORMAT = r"H\hi \n\g\à\y d/m/Y"
YEAR_MONTH_FORMAT = r"\t\h\á\n\g m/Y"
MONTH_DAY_FORMAT = "d/m"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Thứ Hai

# The admin and every form accept what an office types: 31/01/2024, 31/1/2024,
# 31-01-2024, and the ISO form that browsers' date pickers send.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = [
    "%H:%M",
    "%H:%M:%S",
    "%Hh%M",
    "%Hh",
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %Hh%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
