"""Style that CI enforces: ruff, module size, and imports that only run downwards (docs/architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crawlers", "pipeline", "db", "dashboard")
MAX_LINES = 450

# Layers, lowest first: a module may import its own layer and the layers below it, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("db",),
    ("pipeline.core",),
    ("pipeline.extract",),
    ("crawlers",),
    ("pipeline.load", "pipeline.match", "pipeline.timeliness"),
    ("pipeline.report", "pipeline.alerts"),
    ("dashboard",),
    ("pipeline.cli", "pipeline", "demo"),
)


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "crawlers", "pipeline", "db", "dashboard", "demo", "tests", "bench",
         "scripts", "--output-format", "concise"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def module_files(root: Path = ROOT, packages: tuple[str, ...] = (*PACKAGES, "demo")) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the project's packages."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def project_imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `path` imports (anywhere in the file, lazy imports included)."""
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
            imported.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in imported if name in modules}


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = module_files(root)
    return {name: project_imports(path, modules) - {name} for name, path in modules.items()}


def layer_of(module: str) -> int:
    best, best_len = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def oversized(root: Path = ROOT, limit: int = MAX_LINES) -> list[str]:
    files = module_files(root, (*PACKAGES, "demo", "bench", "scripts"))
    counts = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in files.values()}
    return [f"{path.relative_to(root)}: {n} lines" for path, n in counts.items() if n > limit]


def mutual_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} <-> {b}" for a, targets in graph.items() for b in targets if a < b and a in graph.get(b, ()))


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if layer_of(b) > layer_of(a))


def test_no_module_passes_the_size_limit() -> None:
    assert oversized() == []


def test_no_two_modules_import_each_other() -> None:
    assert mutual_imports(import_graph()) == []


def test_imports_run_downwards_and_the_store_imports_nothing_above_it() -> None:
    graph = import_graph()
    assert upward_imports(graph) == []
    assert not [f"{a} -> {b}" for a, targets in graph.items() if a.startswith("db") for b in targets
                if not b.startswith("db")]


def test_every_module_has_a_layer() -> None:
    assert [name for name in module_files() if layer_of(name) < 0] == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("files", "found"), [
    ({"pipeline/__init__.py": "", "pipeline/a.py": "from pipeline import b\n", "pipeline/b.py": "import pipeline.a\n"},
     ["pipeline.a <-> pipeline.b"]),
    ({"pipeline/__init__.py": "", "pipeline/a.py": "def f():\n    from pipeline.b import g\n",
      "pipeline/b.py": "from pipeline.a import f\n"}, ["pipeline.a <-> pipeline.b"]),
    ({"pipeline/__init__.py": "", "pipeline/a.py": "import pipeline.b\n", "pipeline/b.py": "x = 1\n"}, []),
])
def test_the_checks_find_a_circle(tmp_path: Path, files: dict[str, str], found: list[str]) -> None:
    assert mutual_imports(import_graph(_tree(tmp_path, files))) == found


def test_the_checks_find_the_store_importing_upwards_and_a_long_module(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "db/__init__.py": "from pipeline.load import loader\n",
        "pipeline/__init__.py": "", "pipeline/load/__init__.py": "",
        "pipeline/load/loader.py": "import db\n" + "x = 1\n" * MAX_LINES,
        "crawlers/__init__.py": "from pipeline.report import digest\n",
        "pipeline/report/__init__.py": "", "pipeline/report/digest.py": "",
    })
    assert upward_imports(import_graph(root)) == ["crawlers -> pipeline.report", "crawlers -> pipeline.report.digest",
                                                  "db -> pipeline.load", "db -> pipeline.load.loader"]
    assert oversized(root) == [f"pipeline/load/loader.py: {MAX_LINES + 1} lines"]
