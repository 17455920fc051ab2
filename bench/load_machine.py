"""How busy the machine and the server were during a load test (see load.py)."""

import os
import platform
from pathlib import Path


def cpu_times():
    """(busy, total) jiffies of the whole machine, or None off Linux."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def server_cpu_seconds(server_sid, db):
    """CPU seconds (user + system) used so far by the Odoo server's processes
    (its session: ``run_load.sh`` starts it with setsid) and by the PostgreSQL
    backends of ``db``: ``{"odoo": s, "postgresql": s}``, or None off Linux."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"odoo": 0.0, "postgresql": 0.0}
    try:
        entries = list(Path("/proc").iterdir())
    except OSError:
        return None
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        seconds = (int(stat[11]) + int(stat[12])) / tick  # utime, stime
        if int(stat[3]) == server_sid:  # session id
            used["odoo"] += seconds
        elif cmdline.startswith("postgres: ") and f" {db} " in cmdline:
            used["postgresql"] += seconds
    return used


def server_cpu_report(before, after, elapsed, requests, nproc):
    """What serving the load cost in CPU, whatever else ran on the machine:
    the cores it kept busy on average and the CPU time per request."""
    if not before or not after or not requests:
        return None
    used = {name: round(after[name] - before[name], 1) for name in before}
    total = sum(used.values())
    per_request = total / requests
    return {
        "cpu_seconds": used,
        "cores_busy_avg": round(total / elapsed, 2),
        "cpu_ms_per_request": round(per_request * 1000, 1),
        # Requests per second the machine's cores could serve if the server had them to itself.
        "requests_per_s_if_dedicated": round(nproc / per_request, 1) if per_request else None,
    }


def sample_load(run, samples):
    """The 1-minute load average every 5 s: the machine is shared, say how busy."""
    while not run.stop.wait(5):
        try:
            samples.append(float(Path("/proc/loadavg").read_text().split()[0]))
        except (OSError, ValueError):
            return


def machine():
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        meminfo = Path("/proc/meminfo").read_text().split("\n", 1)[0]
        info["ram_gb"] = round(int(meminfo.split()[1]) / 1024 / 1024, 1)
    except (OSError, IndexError, ValueError):
        pass
    return info
