"""scripts/run's progress while it installs: ``odoo_progress`` of
scripts/common.sh reads Odoo's log and prints which step, with a count.

Shell, tested from here because this folder's tests run without Odoo.
"""

import subprocess
from pathlib import Path

COMMON_SH = Path(__file__).resolve().parents[3] / "scripts" / "common.sh"

# Lines of a real install log (odoo -i sales_action_anchor --load-language=en_US,zh_CN
# --log-level=info), shortened; "Running as user" and the traceback have no time stamp.
_LINES = """\
Running as user 'root' is a security risk.
2026-12-03 23:59:58,100 6558 INFO ? odoo: Odoo version 18.0
2026-12-03 23:59:59,194 6558 INFO wd_run odoo.modules.loading: init db
2026-12-04 00:00:03,138 6558 INFO wd_run odoo.modules.loading: loading 1 modules...
2026-12-04 00:00:03,139 6558 INFO wd_run odoo.modules.loading: Loading module base (1/1)
2026-12-04 00:00:41,293 6558 INFO wd_run odoo.modules.loading: Module base: loading demo
2026-12-04 00:00:53,053 6558 INFO wd_run odoo.addons.base.models.ir_module: module base: loading \
translation file /opt/odoo18/odoo/addons/base/i18n/zh_CN.po for language zh_CN
2026-12-04 00:01:36,419 6558 INFO wd_run odoo.modules.loading: loading 42 modules...
2026-12-04 00:01:36,419 6558 INFO wd_run odoo.modules.loading: Loading module web (2/42)
2026-12-04 00:01:37,000 6558 INFO wd_run odoo.modules.loading: loading web/views/webclient_templates.xml
2026-12-04 00:03:31,275 6558 INFO wd_run odoo.modules.loading: Loading module sales_action_anchor (40/42)
2026-12-04 00:03:39,228 6558 INFO wd_run odoo.modules.loading: Module sales_action_anchor: loading demo
2026-12-04 00:03:39,315 6558 INFO wd_run odoo.modules.loading: loading \
sales_action_anchor/demo/res_users_demo.xml
2026-12-04 00:04:14,906 6558 WARNING wd_run odoo.modules.loading: something odd
Traceback (most recent call last):
  File "odoo/modules/loading.py", line 1, in <module>
2026-12-04 00:05:15,878 6558 INFO wd_run odoo.modules.loading: Loading module crm_iap_mine (42/42)
2026-12-04 00:05:23,372 6558 INFO wd_run odoo.modules.loading: Modules loaded.
2026-12-04 00:05:23,395 6558 INFO wd_run odoo.modules.registry: Registry loaded in 347.244s"""
# Odoo ends each of its log records with a space.
LOG = "\n".join(line + " " if line[:1].isdigit() else line for line in _LINES.splitlines())


def progress(log):
    """What odoo_progress prints for this log, not on a terminal."""
    script = f'source "{COMMON_SH}" && odoo_progress'
    return subprocess.run(
        ["bash", "-c", script], input=log, capture_output=True, text=True, check=True
    ).stdout.splitlines()


def test_each_step_with_its_count_and_the_time_since_the_start():
    assert progress(LOG) == [
        "  [0:01] creating the database",
        "  [0:05] module 1/1 base",
        "  [0:43] demo data of base",
        "  [1:38] module 2/42 web",
        "  [3:33] module 40/42 sales_action_anchor",
        "  [3:41] demo data of sales_action_anchor",
        "  [3:41] demo data of sales_action_anchor: res_users_demo.xml",
        "  [4:16] WARNING odoo.modules.loading: something odd",
        "  [5:17] module 42/42 crm_iap_mine",
        "  [5:25] finishing",
    ]


def test_a_last_line_without_newline_is_read():
    up_to_modules_loaded = LOG.rsplit("\n", 1)[0]
    assert progress(up_to_modules_loaded)[-1] == "  [5:25] finishing"


def test_an_empty_log_prints_nothing():
    assert progress("") == []
