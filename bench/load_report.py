"""The load test's report, as text and as Markdown (see load.py)."""

from load_traffic import traffic_markdown

EVENTS = {
    "home_behind_own_visit": "home answers without a visit the salesperson had sent (a lagging replica; "
    "the page shows it itself)",
}


def fmt(value):
    return "–" if value is None else f"{value:g}"


def events_lines(summary):
    return [f"{count} {EVENTS.get(event, event)}." for event, count in summary["events"].items()]


def markdown(report):
    summary = report["summary"]
    host = report["machine"]
    lines = [
        f"{report['config']['reps']} salespeople + {report['config']['managers']} managers, "
        f"{summary['elapsed_s']} s on {report['config']['db']}; {host['nproc']} CPUs, "
        f"{host.get('ram_gb')} GB RAM, CPU busy {host['cpu_busy_pct']} %, "
        f"1-min load mean {host['load_1min_mean']} (max {host['load_1min_max']}); "
        f"the load script used {host['load_script_cpu_s']} s of CPU.",
    ]
    if cpu := report["server_cpu"]:
        lines.append(
            "Server CPU: Odoo {odoo} s + PostgreSQL {postgresql} s".format(**cpu["cpu_seconds"])
            + f" = {cpu['cores_busy_avg']} cores on average, {cpu['cpu_ms_per_request']} ms per request "
            f"(about {cpu['requests_per_s_if_dedicated']} requests/s on dedicated cores)."
        )
    lines += [
        "",
        "| action | ok | errors | skipped | per s | p50 ms | p95 ms | p99 ms | max ms | CPU ms (median) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in summary["actions"]:
        cells = [row["action"], row["ok"], row["errors"], row["skipped"], row["per_second"]]
        cells += [fmt(row[key]) for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "cpu_ms")]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    lines.append(f"| **all** | {summary['ok']} | {summary['errors']} | | {summary['per_second']} | | | | | |")
    lines += ["", *events_lines(summary), *traffic_markdown(report["traffic"])]
    lines += ["", "| count | before | after | delta |", "| --- | ---: | ---: | ---: |"]
    for name, before in report["counts"]["before"].items():
        after = report["counts"]["after"][name]
        lines.append(f"| {name} | {before} | {after} | {after - before:+d} |")
    balance = report["counts"]["open_balance"]
    lines.append(
        "\nOpen activities: {change:+d} = {new_agreed_actions:+d} agreed actions of new visits "
        "{marked_done:+d} marked done {closed_by_server:+d} reminders closed by the server "
        "{other:+d} other.".format(**balance)
    )
    lines += ["", "| check | result | detail |", "| --- | --- | --- |"]
    lines += [
        f"| {check['name']} | {'pass' if check['passed'] else '**FAIL**'} | {check['detail']} |"
        for check in report["checks"]
    ]
    return "\n".join(lines)


def text_report(report):
    summary = report["summary"]
    host = report["machine"]
    out = [
        f"machine: {host['nproc']} CPUs, {host.get('ram_gb')} GB RAM; during the run: CPU busy "
        f"{host['cpu_busy_pct']} %, 1-min load mean {host['load_1min_mean']} max {host['load_1min_max']}, "
        f"load script CPU {host['load_script_cpu_s']} s",
        f"{report['config']['reps']} salespeople + {report['config']['managers']} managers on "
        f"{report['config']['db']} for {summary['elapsed_s']} s: {summary['ok']} ok, "
        f"{summary['errors']} errors, {summary['per_second']} requests/s",
        f"{'action':<14}{'ok':>7}{'err':>6}{'skip':>6}{'per s':>8}"
        + "".join(f"{name:>9}" for name in ("p50", "p95", "p99", "max", "cpu"))
        + "  (ms)",
    ]
    for row in summary["actions"]:
        out.append(
            f"{row['action']:<14}{row['ok']:>7}{row['errors']:>6}{row['skipped']:>6}{row['per_second']:>8}"
            + "".join(f"{fmt(row[key]):>9}" for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "cpu_ms"))
        )
    if cpu := report["server_cpu"]:
        out.append(
            "server CPU: Odoo {odoo} s + PostgreSQL {postgresql} s".format(**cpu["cpu_seconds"])
            + f" = {cpu['cores_busy_avg']} cores on average, {cpu['cpu_ms_per_request']} ms per request; "
            f"on dedicated cores about {cpu['requests_per_s_if_dedicated']} requests/s"
        )
    for action, samples in summary["error_samples"].items():
        out.append(f"first errors of {action}:")
        out += [f"  - {sample}" for sample in samples]
    out += events_lines(summary)
    out += traffic_markdown(report["traffic"])
    counts = report["counts"]
    changes = [f"{name} {before} → {counts['after'][name]}" for name, before in counts["before"].items()]
    out.append("counts (before → after): " + ", ".join(changes))
    out.append(
        "open activities {change:+d} = {new_agreed_actions:+d} new agreed actions {marked_done:+d} marked "
        "done {closed_by_server:+d} closed by the server {other:+d} other".format(**counts["open_balance"])
    )
    out += [f"[{'pass' if c['passed'] else 'FAIL'}] {c['name']}: {c['detail']}" for c in report["checks"]]
    return "\n".join(out)
