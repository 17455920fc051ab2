"""The load test's JSON-RPC client and its measurements (see load.py)."""

import itertools
import threading
import time
from collections import defaultdict

import requests
from load_machine import server_cpu_seconds

REP_ACTIONS = ("login", "home", "parse_note", "submit_visit", "find_activity", "mark_done")
MANAGER_ACTIONS = ("dashboard", "morning")
ERROR_SAMPLES = 5


class RpcError(Exception):
    """An HTTP error, a JSON-RPC error or an unexpected answer."""


# ----------------------------------------------------------------------
# JSON-RPC client
# ----------------------------------------------------------------------


class OdooClient:
    """One user's session, as a browser tab has it (its own cookies)."""

    def __init__(self, base_url, db, timeout):
        self.base_url = base_url.rstrip("/")
        self.db = db
        self.timeout = timeout
        self.session = requests.Session()
        # No proxy from the environment: requests go to 127.0.0.1 and nowhere else.
        self.session.trust_env = False
        self.ids = itertools.count(1)
        self.uid = None
        self.context = {}

    def post(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(self.ids)}
        try:
            response = self.session.post(
                self.base_url + path, json=payload, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as error:
            raise RpcError(f"{type(error).__name__}: {error}") from error
        if response.status_code != 200:
            raise RpcError(f"HTTP {response.status_code} on {path}: {response.text[:200]}")
        try:
            body = response.json()
        except ValueError as error:
            raise RpcError(f"not JSON on {path}: {response.text[:200]}") from error
        if body.get("error"):
            error = body["error"]
            data = error.get("data") or {}
            name = data.get("name") or error.get("message") or "error"
            raise RpcError(f"{name}: {data.get('message') or error.get('message')}")
        return body.get("result")

    def authenticate(self, login, password):
        result = self.post("/web/session/authenticate", {"db": self.db, "login": login, "password": password})
        if not result or not result.get("uid"):
            raise RpcError(f"login refused for {login}")
        self.uid = result["uid"]
        self.context = result.get("user_context") or {}
        return result

    def call(self, model, method, args=(), kwargs=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        params = {"model": model, "method": method, "args": list(args), "kwargs": kwargs}
        return self.post(f"/web/dataset/call_kw/{model}/{method}", params)


# ----------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------


def percentile(sorted_values, fraction):
    """Linear interpolation between closest ranks; None without values."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


class Run:
    """Shared state of a run: its bounds, stop signal and measurements."""

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.started = time.monotonic()
        self.deadline = self.started + args.duration
        self.requests = 0
        self.latencies = defaultdict(list)  # action -> seconds, successful calls
        self.errors = defaultdict(int)
        self.error_samples = defaultdict(list)
        self.skipped = defaultdict(int)
        self.events = defaultdict(int)
        self.attempted_uuids = set()
        self.created_uuids = set()
        self.done_activity_ids = set()
        self.cpu = defaultdict(list)  # action -> server CPU seconds, with --cpu-per-action
        self.ended = None

    def server_cpu(self):
        """Server CPU so far, when measured per action (one user: no overlap)."""
        if not self.args.cpu_per_action:
            return None
        return server_cpu_seconds(self.args.server_pid, self.args.db)

    def active(self):
        if self.stop.is_set():
            return False
        if time.monotonic() >= self.deadline:
            self.stop.set()
            return False
        return True

    def take_slot(self):
        """Count one request against --max-actions; False once the run is over."""
        with self.lock:
            if not self.active():
                return False
            if self.requests >= self.args.max_actions:
                self.stop.set()
                return False
            self.requests += 1
            return True

    def think(self, rng, bounds):
        self.stop.wait(rng.uniform(*bounds))

    def measure(self, action, call, check=None):
        """Run ``call()`` as one ``action``; its result, or None when the run is
        over or the call failed (then counted with its message). ``check``
        returns an error message for a wrong answer, else None."""
        if not self.take_slot():
            return None
        cpu_before = self.server_cpu()
        start = time.perf_counter()
        try:
            result = call()
            problem = check(result) if check else None
        except RpcError as error:
            result, problem = None, str(error)
        elapsed = time.perf_counter() - start
        if cpu_before:
            cpu_after = self.server_cpu()
            self.cpu[action].append(sum(cpu_after.values()) - sum(cpu_before.values()))
        with self.lock:
            if problem:
                self.errors[action] += 1
                if len(self.error_samples[action]) < ERROR_SAMPLES:
                    self.error_samples[action].append(problem[:300])
                return None
            self.latencies[action].append(elapsed)
        return result

    def skip(self, action):
        with self.lock:
            self.skipped[action] += 1

    def count(self, event):
        """Count something the users saw that is neither a request nor an error."""
        with self.lock:
            self.events[event] += 1

    def summary(self):
        elapsed = (self.ended or time.monotonic()) - self.started
        rows = []
        for action in (*REP_ACTIONS, *MANAGER_ACTIONS):
            values = sorted(self.latencies.get(action, []))
            ok, errors = len(values), self.errors.get(action, 0)
            if not ok and not errors and not self.skipped.get(action):
                continue
            rows.append(
                {
                    "action": action,
                    "ok": ok,
                    "errors": errors,
                    "skipped": self.skipped.get(action, 0),
                    "per_second": round(ok / elapsed, 2) if elapsed else 0.0,
                    # Median: a worker's first request of a kind also loads caches (jieba's dictionary).
                    "cpu_ms": round(1000 * percentile(sorted(self.cpu[action]), 0.5), 1)
                    if self.cpu.get(action)
                    else None,
                    **{
                        f"{name}_ms": round(percentile(values, fraction) * 1000, 1) if values else None
                        for name, fraction in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))
                    },
                }
            )
        total_ok = sum(row["ok"] for row in rows)
        return {
            "elapsed_s": round(elapsed, 1),
            "requests": self.requests,
            "ok": total_ok,
            "errors": sum(row["errors"] for row in rows),
            "per_second": round(total_ok / elapsed, 2) if elapsed else 0.0,
            "actions": rows,
            "error_samples": {action: samples for action, samples in self.error_samples.items() if samples},
            "events": dict(self.events),
        }
