from . import crm_anchor_visit_reopen
from . import crm_anchor_stage_force
