from . import test_touch
from . import test_visit
from . import test_stage_gates
from . import test_automations
from . import test_crons
from . import test_security
from . import test_partner
from . import test_tour_visit
