from . import dashboard_xlsx
