"""What every CSV download a person opens in a spreadsheet needs: cells that cannot run.

A cell that starts with one of ``FORMULA_STARTS`` is run as a formula by Excel, LibreOffice
and Google Sheets (CSV injection: ``=HYPERLINK(...)``, ``=cmd|...``). Prefixing a quote makes
the spreadsheet show it as text. Downloads for people use this; machine interchange files
(``export_practices``) stay unquoted so they import back unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value``, quoted if a spreadsheet would otherwise run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe_row(values):
    """Every cell of ``values`` made :func:`spreadsheet_safe`, for ``csv.writer.writerow``."""
    return [spreadsheet_safe(value) for value in values]
