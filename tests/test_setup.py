"""Set-up and supply chain: locked, hash-checked Python packages, and a `make test` that either
installs the system packages it needs or stops before running anything, saying the one command."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
SCRIPT = ROOT / "build_scripts" / "system_deps.sh"
PACKAGES = "chromium fonts-noto-cjk nginx python3-venv"


def locked() -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) from requirements.lock."""
    pins = {}
    for block in re.split(r"\n(?=\S)", LOCK.read_text("utf-8")):
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if match:
            pins[match.group(1).lower()] = (
                match.group(2),
                re.findall(r"--hash=sha256:([0-9a-f]{64})", block),
            )
    return pins


def test_every_locked_package_is_pinned_with_hashes_and_the_projects_pins_are_kept():
    pins = locked()
    assert pins and all(hashes for _, hashes in pins.values()), "every package carries its hashes"
    assert pins["mkdocs"][0] == "1.6.1" and pins["mkdocs-static-i18n"][0] == "1.3.1"
    assert pins["jieba"][0] == "0.42.1" and pins["mkdocs-material"][0].startswith("9.8.")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    wanted = [*project["project"]["optional-dependencies"].values(), project["build-system"]["requires"]]
    for requirement in (r for group in wanted for r in group):
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group().lower()
        assert name in pins, f"{name} is in pyproject.toml but not in the lock: run `make lock`"


def test_packages_with_platform_wheels_carry_a_hash_for_every_platform():
    """CI on another machine must find its own wheel's hash in the lock."""
    pins = locked()
    for name in ("ruff", "greenlet", "pyyaml", "markupsafe"):
        assert len(pins[name][1]) >= 5, f"{name}: only {len(pins[name][1])} hashes"


def test_the_makefile_installs_from_the_lock_with_hashes_and_the_project_without_deps():
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", ".venv/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "pip install --quiet --require-hashes -r requirements.lock" in dry.stdout
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in dry.stdout


def test_make_test_checks_the_system_before_anything_else():
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "test"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert dry.stdout.splitlines()[0] == "sh build_scripts/system_deps.sh python3"


def fake_system(tmp_path: Path, uid: int, sudo_ok: bool) -> dict[str, str]:
    """A PATH where no package is installed, `id -u` says `uid`, and apt-get only records."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {
        "dpkg-query": "exit 1",
        "id": f"echo {uid}",
        "sudo": ('[ "$1" = -n ] && shift; ' + ('exec "$@"' if sudo_ok else "exit 1")),
        "apt-get": f'echo "$@" >> {tmp_path}/apt.log',
        "node": "echo 20",
        "npm": "true",
    }
    for name, body in scripts.items():
        path = bin_dir / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin"}


def run_script(env) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(SCRIPT), "python3"], env=env, capture_output=True, text=True)


def test_without_root_or_sudo_it_stops_with_the_one_command_to_run(tmp_path):
    done = run_script(fake_system(tmp_path, uid=1000, sudo_ok=False))
    assert done.returncode == 1
    command = f"sudo apt-get update && sudo apt-get install -y --no-install-recommends {PACKAGES}"
    assert command in done.stderr
    assert not (tmp_path / "apt.log").exists(), "nothing was run"


def test_as_root_it_installs_what_is_missing(tmp_path):
    done = run_script(fake_system(tmp_path, uid=0, sudo_ok=False))
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls == ["update -qq", f"install -y -qq --no-install-recommends {PACKAGES}"]


def test_with_password_less_sudo_it_installs_too(tmp_path):
    done = run_script(fake_system(tmp_path, uid=1000, sudo_ok=True))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "apt.log").read_text().splitlines()[-1].startswith("install -y")


def test_an_old_node_stops_the_run_with_a_clear_message(tmp_path):
    env = fake_system(tmp_path, uid=0, sudo_ok=False)
    (tmp_path / "bin" / "node").write_text("#!/bin/sh\necho 18\n")
    done = run_script(env)
    assert done.returncode == 1 and "Node.js 20 or later" in done.stderr
