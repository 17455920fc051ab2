#!/usr/bin/env python3
"""Take the app-store images of ``sales_action_anchor`` from the demo database.

    python3 tools/screenshots.py [--db NAME] [--port N] [--assets-only]

Writes into ``sales_action_anchor/static/description/``:

* ``icon.png``: the add-on's icon, drawn here (no server needed);
* screenshots taken by Debian's headless Chromium (``/usr/bin/chromium``, driven
  by Playwright; no browser is downloaded; a Chinese font such as Debian's
  ``fonts-noto-cjk`` is required), in English and in Chinese
  (``*_zh_CN.png``): the managers' dashboard (1366x768), the phone's quick
  visit entry filled from a note (390x844, device scale 2), the visit form
  refusing an incomplete submit, and the action penetration report
  (pivot and graph);
* ``banner.png`` (1200x600): the title beside the dashboard screenshot, the
  manifest's first image (the app store's cover).

The database is the one of ``scripts/run`` (``$SAA_DB``, default
``sales_action_anchor``: demo data, Chinese loaded, logins admin/admin and
``*@demo.example``/demo); it is created by ``scripts/run`` when missing. When
a server already answers on ``--port`` it is used as it is; otherwise
``scripts/run`` serves the database on that port (default: a free one) for the
time of the run, without scheduled jobs, and is stopped at the end.

The shots read the demo data and write nothing to it, except each user's
language, switched per shot and restored at the end (and English activated
when the database has only Chinese). ``--assets-only`` redraws the icon, and
the banner from the dashboard screenshot already there.
"""

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xmlrpc.client
from pathlib import Path

from store_images import optimise_png, write_assets  # this folder's: the script's own path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "sales_action_anchor" / "static" / "description"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_LOCALES = Path("/usr/lib/chromium/locales")
ADMIN = ("admin", "admin")
MANAGER = ("zhou.jianguo@demo.example", "demo")
REP = ("wang.lei@demo.example", "demo")
REP_2 = ("li.na@demo.example", "demo")
LANGS = ("en_US", "zh_CN")
DESKTOP = {"viewport": {"width": 1366, "height": 768}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
QUICK_NOTES = {
    "en_US": "Pain: installation too slow, the site can't wait. Value: pre-assembled kit, half the "
    "install time. Call tomorrow 3pm, arrange a demo.",
    "zh_CN": "客户痛点：安装太慢，工地等不起。价值：预装配方案，安装时间减半。"
    "约定明天下午3点电话沟通，安排演示。",
}
PAIN_CATEGORY = {"en_US": "Service", "zh_CN": "服务"}
REFUSAL = {"en_US": "Action loop not closed", "zh_CN": "动作未闭环"}
# Odoo's colours (its brand purple, and the teal of its app icons).
# Busy markers of the web client: none may be visible when a shot is taken.
BUSY = ".o_loading_indicator, .o_blockUI, .o_anchor_loading, .fa-spin, .o_view_sample_data"


# --- Server ------------------------------------------------------------------


def _answers(url):
    try:
        with urllib.request.urlopen(f"{url}/web/login", timeout=5) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def odoo_server(db, port):
    """The URL of a server for ``db``: the one on ``port`` if any, else one
    started with scripts/run (installing the demo database if needed) and
    stopped on exit."""
    port = port or _free_port()
    url = f"http://127.0.0.1:{port}"
    if _answers(url):
        print(f"Using the server already on {url}")
        yield url
        return
    fd, log_path = tempfile.mkstemp(prefix="saa_screenshots_", suffix=".log")
    print(f"Starting scripts/run for database '{db}' on {url} (log: {log_path}) ...")
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            ["bash", str(REPO / "scripts" / "run"), "--max-cron-threads=0", "--log-level=warn"],
            env=dict(os.environ, SAA_DB=db, SAA_PORT=str(port)),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
    try:
        deadline = time.monotonic() + 1800  # a first install of the demo takes minutes
        while not _answers(url):
            if process.poll() is not None:
                sys.exit(f"scripts/run stopped (exit {process.returncode}); see {log_path}")
            if time.monotonic() > deadline:
                sys.exit(f"No server on {url} after 30 minutes; see {log_path}")
            time.sleep(2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        print("Server stopped.")


class Rpc:
    """XML-RPC as one user of the database."""

    def __init__(self, url, db, login, password):
        self.db, self.password = db, password
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", allow_none=True)
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            sys.exit(f"Cannot log in as {login} on database '{db}': is it the demo database of scripts/run?")
        self.models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(self.db, self.uid, self.password, model, method, list(args), kwargs)


def ensure_languages(admin):
    """Activate the languages of the shots (a database made by scripts/run has
    only Chinese); the wizard also loads their translations."""
    langs = admin(
        "res.lang",
        "search_read",
        [("code", "in", list(LANGS))],
        ["code", "active"],
        context={"active_test": False},
    )
    inactive = [lang["id"] for lang in langs if not lang["active"]]
    if inactive:
        wizard = admin("base.language.install", "create", {"lang_ids": [(6, 0, inactive)]})
        admin("base.language.install", "lang_install", [wizard])


# --- Browser -----------------------------------------------------------------


class NetworkIdle:
    """In-flight requests of a page, but the bus's: its shared worker's script
    request never reports an end, so Playwright's "networkidle" never comes."""

    def __init__(self, page):
        self.page, self.pending = page, set()
        page.on("request", self._start)
        page.on("requestfinished", self._end)
        page.on("requestfailed", self._end)

    def _start(self, request):
        if "/bus/" not in request.url:
            self.pending.add(request)

    def _end(self, request):
        self.pending.discard(request)

    def wait(self, quiet_ms=500, timeout_s=60):
        deadline, quiet_since = time.monotonic() + timeout_s, None
        while time.monotonic() < deadline:
            if self.pending:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet_ms / 1000:
                return
            self.page.wait_for_timeout(100)
        urls = ", ".join(request.url for request in self.pending)
        raise TimeoutError(f"The network is still busy after {timeout_s} s: {urls}")


class Shooter:
    def __init__(self, browser, url, db):
        self.browser, self.url, self.db = browser, url, db

    @contextlib.contextmanager
    def page(self, credentials, lang, device):
        """A fresh browser context logged in as ``credentials`` in ``lang``."""
        rpc = Rpc(self.url, self.db, *credentials)
        rpc("res.users", "write", [rpc.uid], {"lang": lang})
        context = self.browser.new_context(
            locale=lang.replace("_", "-"), timezone_id="Asia/Shanghai", **device
        )
        try:
            page = context.new_page()
            page.set_default_timeout(60000)
            page.network_idle = NetworkIdle(page)
            page.goto(f"{self.url}/web/login?db={self.db}")
            page.fill("input[name=login]", credentials[0])
            page.fill("input[name=password]", credentials[1])
            page.click("button[type=submit]")
            page.wait_for_url("**/odoo**")
            yield rpc, page
        finally:
            context.close()

    def settle(self, page, ready):
        """Wait for the network to be idle, for ``ready`` and for no busy marker."""
        page.network_idle.wait()
        page.wait_for_selector(ready, state="visible")
        page.wait_for_function(
            "sel => ![...document.querySelectorAll(sel)].some((el) => el.offsetParent !== null)", arg=BUSY
        )
        page.network_idle.wait()
        page.wait_for_timeout(1200)  # chart animations end

    def shot(self, page, name, lang):
        path = OUT / (f"{name}.png" if lang == "en_US" else f"{name}_{lang}.png")
        page.mouse.move(0, 0)  # no hover effect
        page.screenshot(path=str(path), caret="hide", animations="disabled")
        optimise_png(path)
        print(f"  {path.relative_to(REPO)}  {path.stat().st_size // 1024} KB")


def shoot_dashboard(shooter, lang):
    with shooter.page(MANAGER, lang, DESKTOP) as (_rpc, page):
        page.goto(f"{shooter.url}/odoo/anchor-dashboard")
        shooter.settle(page, ".o_anchor_dashboard_body .o_anchor_stage_donut canvas")
        shooter.shot(page, "dashboard", lang)


def shoot_mobile_entry(shooter, lang):
    with shooter.page(REP, lang, PHONE) as (_rpc, page):
        page.goto(f"{shooter.url}/odoo/anchor-mobile")
        shooter.settle(page, ".o_anchor_mobile_synced")
        page.locator(".o_anchor_mobile_lead").first.click()
        page.fill(".o_anchor_mobile_note_input", QUICK_NOTES[lang])
        page.click(".o_anchor_mobile_fill:enabled")
        shooter.settle(page, ".o_anchor_mobile_value.o_anchor_mobile_filled")
        # The note gives no category: the salesperson picks it, as in the tour.
        page.select_option(".o_anchor_mobile_category", label=PAIN_CATEGORY[lang])
        # The "filled from your note" toast goes by itself; then the whole form,
        # down to Submit, with the note from its first line.
        page.wait_for_selector(".o_notification", state="detached", timeout=15000)
        page.eval_on_selector(".o_anchor_mobile", "el => { el.scrollTop = el.scrollHeight; }")
        page.eval_on_selector(".o_anchor_mobile_note_input", "el => { el.scrollTop = 0; }")
        shooter.shot(page, "mobile_entry", lang)


def shoot_visit_refused(shooter, lang):
    with shooter.page(REP_2, lang, DESKTOP) as (rpc, page):
        # A draft visit prepared when its opportunity entered Visit: nothing of
        # its three elements is filled, and pressing Submit writes nothing.
        visit_ids = rpc(
            "crm.anchor.visit", "search", [("state", "=", "draft"), ("user_id", "=", rpc.uid)], limit=1
        )
        if not visit_ids:
            sys.exit(f"No draft visit of {REP_2[0]} in the demo database")
        page.goto(f"{shooter.url}/odoo/action-sales_action_anchor.crm_anchor_visit_action/{visit_ids[0]}")
        shooter.settle(page, ".o_form_view button[name=action_submit]")
        page.click("button[name=action_submit]")
        shooter.settle(page, f".modal .modal-body:has-text('{REFUSAL[lang]}')")
        shooter.shot(page, "visit_refused", lang)


def shoot_penetration(shooter, lang):
    with shooter.page(MANAGER, lang, DESKTOP) as (_rpc, page):
        page.goto(f"{shooter.url}/odoo/action-sales_action_anchor.crm_anchor_penetration_report_action")
        shooter.settle(page, ".o_pivot table")
        shooter.shot(page, "penetration_pivot", lang)
        # The trend: every month (not only this one's default filter), bars
        # side by side per KPI (a line would draw a month without any expected
        # action as 0 %; stacked rates would add up).
        page.click(".o_switch_view.o_graph")
        shooter.settle(page, ".o_graph_renderer canvas")
        page.click(".o_searchview_facet .o_facet_remove")
        shooter.settle(page, ".o_graph_renderer canvas")
        page.click(".o_graph_button[data-mode=bar]")
        shooter.settle(page, ".o_graph_button[data-mode=bar].active")
        stacked = page.locator(".o_graph_button.fa-database.active")
        if stacked.count():
            stacked.click()
            shooter.settle(page, ".o_graph_button.fa-database:not(.active)")
        shooter.shot(page, "penetration_graph", lang)


SHOTS = (shoot_dashboard, shoot_mobile_entry, shoot_visit_refused, shoot_penetration)


def take_screenshots(url, db):
    from playwright.sync_api import sync_playwright  # here: --assets-only needs no Playwright

    missing = [
        lang for lang in LANGS[1:] if not (CHROMIUM_LOCALES / f"{lang.replace('_', '-')}.pak").exists()
    ]
    if missing:
        print(
            f"Note: no Chromium locale for {', '.join(missing)} (apt-get install chromium-l10n): "
            "date inputs will show the US format there"
        )
    admin = Rpc(url, db, *ADMIN)
    ensure_languages(admin)
    logins = [MANAGER[0], REP[0], REP_2[0]]
    users = admin("res.users", "search_read", [("login", "in", logins)], ["lang"])
    if len(users) != len(logins):
        sys.exit(f"Database '{db}' lacks the demo users {', '.join(logins)}")
    try:
        with sync_playwright() as playwright:
            for lang in LANGS:
                print(f"Screenshots in {lang}:")
                # The browser's own widgets (date and time inputs) in that
                # language too: Chromium's UI language, from Debian's chromium-l10n.
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=[f"--lang={lang.replace('_', '-')}"],
                    env=dict(os.environ, LANGUAGE=lang, LANG=f"{lang}.UTF-8"),
                )
                shooter = Shooter(browser, url, db)
                for shoot in SHOTS:
                    shoot(shooter, lang)
                browser.close()
    finally:
        for user in users:
            admin("res.users", "write", [user["id"]], {"lang": user["lang"]})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("SAA_DB", "sales_action_anchor"), help="demo database")
    parser.add_argument("--port", type=int, help="use the server on this port, or start one there")
    parser.add_argument("--assets-only", action="store_true", help="only redraw the icon and the banner")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if not args.assets_only:
        if not os.access(CHROMIUM, os.X_OK):
            sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
        # Without a Chinese font, the zh_CN shots show boxes instead of characters.
        fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
        if not fonts.stdout.strip():
            sys.exit("No Chinese font for Chromium: apt-get install fonts-noto-cjk")
        with odoo_server(args.db, args.port) as url:
            take_screenshots(url, args.db)
    print("Icon and banner:")
    write_assets(OUT, REPO)
    print(f"Done in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
