"""Upgrading from an earlier version of the add-on migrates its data and keeps
what its users changed.

Installs the add-on as it was at the last commit of its oldest version
(18.0.1.0.0, from this repository's git history, into a temporary folder),
with demo data, into a database of its own; a sales manager renames stages and
changes the team's thresholds. Then, for each earlier version: the add-on is
upgraded with that version's code (each adding its own edits: KPI targets,
settings), a copy of the database is upgraded to the working tree, and
upgrade_probe.py checks on it that

- the upgrade succeeded, ran every migration script newer than the version,
  loaded the new demo data and logged no error;
- the migrations' effects are on the rows from before (touches' date_logged,
  the ledger filled, its months and agreed-action deadlines);
- every figure of the dashboard (get_data, a few periods, as the demo manager)
  and every ledger row is what the current code computes from scratch;
- every edited value, and every row from before, is still there.

Exits 1 when a check failed. SAA_KEEP=1 keeps the databases.

    check_migration.py ODOO_BIN ODOO_CONF DATABASE_PREFIX WORK_DIR
"""

import ast
import configparser
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ADDON = "sales_action_anchor"
REPO = Path(__file__).resolve().parent.parent
MANIFEST = f"{ADDON}/__manifest__.py"
PROBE = Path(__file__).resolve().parent / "upgrade_probe.py"
LOG_PROBLEM = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) | demo data failed to install")


def git(*args):
    return subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True, text=True)


def version_key(version):
    return tuple(int(part) for part in version.split("."))


def manifest_version(text):
    return ast.literal_eval(text)["version"]


def earlier_versions(current):
    """{version: the last commit whose manifest has it}, for each version
    before ``current``, oldest first, from the first-parent history."""
    if git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        raise RuntimeError("the git history is shallow: run `git fetch --unshallow` first")
    commits = git("log", "--first-parent", "--format=%H", "--", MANIFEST).stdout.split()
    versions = [manifest_version(git("show", f"{commit}:{MANIFEST}").stdout) for commit in commits]
    last = {}
    newer_version, newer_commit = current, None  # the working tree, then each commit
    for commit, version in zip(commits, versions, strict=True):
        if version != newer_version and version not in last:
            # The newer commit changed the version: its parent is the last at this one.
            last[version] = git("rev-parse", f"{newer_commit}^" if newer_commit else "HEAD").stdout.strip()
        newer_version, newer_commit = version, commit
    return {
        version: last[version]
        for version in sorted(last, key=version_key)
        if version_key(version) < version_key(current)
    }


def expected_migrations(from_version, to_version):
    """The "[version] script" names Odoo logs for the migration scripts it
    must run from ``from_version`` to ``to_version``."""
    expected = []
    for folder in sorted((REPO / ADDON / "migrations").glob("*/")):
        version = folder.name if folder.name.count(".") > 2 else f"18.0.{folder.name}"
        if version_key(from_version) < version_key(version) <= version_key(to_version):
            expected += [
                (folder.name, script.stem)
                for script in sorted(folder.glob("*.py"))
                if script.stem.split("-")[0] in ("pre", "post", "end")
            ]
    return expected


class Run:
    def __init__(self, odoo_bin, base_conf, prefix, work):
        self.odoo_bin = odoo_bin
        self.prefix = prefix
        self.work = Path(work)
        self.failed = []
        self.databases = []
        base = configparser.ConfigParser(interpolation=None)
        base.read(base_conf)
        self.options = dict(base["options"])
        self.odoo_addons = [
            path
            for path in self.options["addons_path"].split(",")
            if path.strip() and Path(path.strip()).resolve() != REPO
        ]

    def fail(self, message, lines=()):
        print(f"FAILED: {message}")
        for line in list(lines)[:15]:
            print(f"    {line[:300]}")
        self.failed.append(message)

    def conf(self, name, addon_dir):
        """An Odoo configuration that loads the add-on from ``addon_dir``
        (a parent folder of it), with the databases' own filestore."""
        # With demo data, whatever the base configuration says.
        options = {
            key: value
            for key, value in self.options.items()
            if key not in ("db_name", "dbfilter", "without_demo")
        }
        options["addons_path"] = ",".join([str(addon_dir), *self.odoo_addons])
        options["data_dir"] = str(self.work / "data")
        path = self.work / f"{name}.conf"
        config = configparser.ConfigParser(interpolation=None)
        config["options"] = options
        with open(path, "w", encoding="utf-8") as file:
            config.write(file)
        return path

    def extract(self, version, commit):
        """The add-on as it was at ``commit``, in a folder of its own."""
        folder = self.work / f"addons-{version}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, ADDON], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        return folder

    def odoo(self, conf, database, args, label):
        """Runs Odoo; its log, or None when it failed. An error logged, or
        demo data Odoo could not load (it goes on without), fails the check
        but not the run: the database can still be checked."""
        log_file = self.work / f"{database}.{label.replace(' ', '-')}.log"
        command = [self.odoo_bin, "-c", str(conf), "-d", database, *args, "--stop-after-init"]
        command += ["--log-level=warn", "--log-handler=odoo.modules.migration:INFO"]
        with open(log_file, "w", encoding="utf-8") as log:
            rc = subprocess.call(command, stdout=log, stderr=subprocess.STDOUT)
        text = log_file.read_text(encoding="utf-8", errors="replace")
        problems = [line for line in text.splitlines() if LOG_PROBLEM.search(line)]
        if rc:
            self.fail(f"{label} of {database}: odoo exited with {rc} ({log_file})", text.splitlines()[-15:])
            return None
        if problems:
            self.fail(f"{label} of {database}: {len(problems)} problem(s) logged ({log_file})", problems)
        else:
            print(f"ok: {label} of {database}")
        return text

    def probe(self, phase, conf, database, state, failure):
        rc = subprocess.call([sys.executable, str(PROBE), phase, str(conf), database, str(state)])
        if rc:
            self.fail(f"{failure} (upgrade_probe.py {phase} exited with {rc})")
        return rc == 0

    def copy_database(self, source, target):
        self.drop(target)
        subprocess.run(["createdb", "-T", source, target], check=True)
        self.databases.append(target)
        filestore = self.work / "data" / "filestore"
        if (filestore / source).is_dir():
            shutil.copytree(filestore / source, filestore / target)

    def drop(self, database):
        subprocess.run(["dropdb", "--if-exists", "--force", database], check=True, capture_output=True)
        shutil.rmtree(self.work / "data" / "filestore" / database, ignore_errors=True)

    def upgrade_to_working_tree(self, base, version, state, current_conf, current):
        """Copies ``base`` (at ``version``), upgrades the copy with the
        working tree and checks it."""
        database = f"{self.prefix}_from_{version.replace('.', '_')}"
        print(f"\n=== {version} -> {current} (working tree), on a copy: {database}")
        self.copy_database(base, database)
        state_file = self.work / f"{database}.json"
        state_file.write_text(json.dumps(state), encoding="utf-8")
        log = self.odoo(current_conf, database, ["-u", ADDON], f"upgrade from {version}")
        if log is None:
            return
        ran = re.findall(r"Running migration \[[^\]]*?([\d.]+)[^\]]*\] (\S+)", log)
        expected = expected_migrations(version, current)
        missing = [f"{folder}/{script}.py" for folder, script in expected if (folder, script) not in ran]
        if missing:
            self.fail(f"the upgrade from {version} did not run {', '.join(missing)}")
        else:
            print(f"ok: the upgrade from {version} ran " + ", ".join(f"{f}/{s}.py" for f, s in expected))
        self.probe(
            "verify", current_conf, database, state_file, f"the checks after the upgrade from {version}"
        )

    def main(self):
        current = manifest_version((REPO / MANIFEST).read_text(encoding="utf-8"))
        try:
            history = earlier_versions(current)
        except (RuntimeError, subprocess.CalledProcessError, SyntaxError, ValueError) as error:
            self.fail(f"cannot read the earlier versions from git: {getattr(error, 'stderr', '') or error}")
            return
        if not history:
            self.fail(f"no version before {current} in the git history of {MANIFEST}")
            return
        print(
            "earlier versions: " + ", ".join(f"{v} (last at {commit[:10]})" for v, commit in history.items())
        )
        current_conf = self.conf("working-tree", REPO)

        base = f"{self.prefix}_old"  # installed at the oldest version, then upgraded along the others
        state_file = self.work / f"{base}.json"
        state_file.write_text("{}", encoding="utf-8")
        for index, (version, commit) in enumerate(history.items()):
            conf = self.conf(version, self.extract(version, commit))
            if index == 0:
                print(f"\n=== install {version} ({commit[:10]}) with demo data into {base}")
                self.drop(base)
                self.databases.append(base)
                if self.odoo(conf, base, ["-i", ADDON], f"install of {version}") is None:
                    return
            else:
                print(f"\n=== upgrade {base} to {version} ({commit[:10]})")
                if self.odoo(conf, base, ["-u", ADDON], f"upgrade to {version}") is None:
                    return
            if not self.probe("edit", conf, base, state_file, f"the users' edits at {version}"):
                return
            state = json.loads(state_file.read_text(encoding="utf-8"))
            self.upgrade_to_working_tree(base, version, state, current_conf, current)

    def cleanup(self):
        if os.environ.get("SAA_KEEP") == "1":
            print(f"Kept databases {', '.join(self.databases)} (SAA_KEEP=1)")
            return
        for database in self.databases:
            self.drop(database)


def main(odoo_bin, conf, prefix, work):
    Path(work).mkdir(parents=True, exist_ok=True)
    run = Run(odoo_bin, conf, prefix, work)
    try:
        run.main()
    finally:
        run.cleanup()
    if run.failed:
        print(f"\n{len(run.failed)} check(s) failed:")
        for message in run.failed:
            print(f"  {message}")
        return 1
    print("\nok: each earlier version upgrades to the working tree with its data migrated and its edits kept")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
