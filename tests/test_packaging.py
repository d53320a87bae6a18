"""The distribution's one import namespace, ``npu_dse`` (DESIGN.md §2; issue 19).

The top-level folders ``dse/``, ``envs/`` and ``cost_models/`` are mapped onto ``npu_dse``,
``npu_dse.envs`` and ``npu_dse.cost_models`` by ``pyproject.toml``. PyPI has packages whose import names are
``envs`` and ``dse``: with one of them importable beside ours, our code must still import and run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"dse": "npu_dse", "envs": "npu_dse.envs", "cost_models": "npu_dse.cost_models"}


def _pyproject() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)


def test_every_package_folder_is_listed_under_the_namespace() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]
    assert setuptools["package-dir"] == {v: k for k, v in FOLDERS.items()}
    expected = set()
    for folder, name in FOLDERS.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            expected.add(".".join((name, *rel)))
    data = set(setuptools["package-data"])  # data-only folders: listed, with the files they ship
    assert set(setuptools["packages"]) == expected | data and not data & expected


def test_every_shipped_data_file_matches_a_package_data_pattern() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]
    for package, patterns in setuptools["package-data"].items():
        top, *rest = package.split(".")[1:]
        folder = ROOT / {v: k for k, v in FOLDERS.items()}[f"npu_dse.{top}"] / Path(*rest)
        files = {p.name for p in folder.iterdir() if p.is_file()}
        shipped = {f for f in files if any(Path(f).match(pat) for pat in patterns)}
        assert files - shipped <= {".gitkeep"} and shipped, (package, sorted(files - shipped))


def test_console_script_points_into_the_namespace() -> None:
    assert _pyproject()["project"]["scripts"]["dse"] == "npu_dse.cli:main"


def test_no_module_imports_the_bare_folder_names() -> None:
    bad = []
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            for n, line in enumerate(path.read_text().splitlines(), 1):
                s = line.strip()
                if s.startswith(("import ", "from ")) and s.split()[1].split(".")[0] in FOLDERS:
                    bad.append(f"{path.relative_to(ROOT)}:{n}: {s}")
    assert bad == []


@pytest.fixture()
def clashing_packages(tmp_path: Path) -> Path:
    """A folder holding top-level packages ``envs``, ``dse`` and ``cost_models`` that are not ours."""
    for name in FOLDERS:
        pkg = tmp_path / name
        pkg.mkdir()
        (pkg / "__init__.py").write_text("FOREIGN = True\n")
    return tmp_path


def _run(args: list[str], path: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(path))
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_imports_and_gym_ids_work_beside_foreign_envs_package(clashing_packages: Path, tmp_path: Path) -> None:
    code = (
        "import envs; assert envs.FOREIGN\n"
        "import gymnasium, npu_dse.envs\n"
        "env = gymnasium.make('npu-dse/LayerwiseAssignment-v0', model='resnet50', platform='edge')\n"
        "obs, info = env.reset(seed=0)\n"
        "print(type(env.unwrapped).__module__)\n"
    )
    out = _run([sys.executable, "-c", code], clashing_packages, tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "npu_dse.envs.layerwise"


def test_cli_runs_beside_foreign_packages(clashing_packages: Path, tmp_path: Path) -> None:
    dse = Path(sys.executable).with_name("dse")
    out = _run([str(dse), "validate", str(ROOT / "configs" / "quickstart.yaml")], clashing_packages, tmp_path)
    assert out.returncode == 0, out.stderr
    assert "quickstart" in out.stdout
