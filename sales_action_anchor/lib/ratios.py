"""Penetration arithmetic shared by the dashboard, the morning views and the
pilot comparison."""


def rate(part, whole):
    """``part / whole`` rounded to 4 decimals, or None when there is nothing
    to divide by (no expected action is not the same as none done)."""
    return round(part / whole, 4) if whole else None
