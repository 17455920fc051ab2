from . import crm_anchor_report_mixin
from . import crm_anchor_penetration_report
from . import crm_anchor_visit_report
from . import crm_anchor_qr_report
