"""The code's shape: stages declare their contract, and modules import one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dragoman.stage import REGISTRY, StageSpec, check_order

SRC = Path(__file__).resolve().parents[1] / "src" / "dragoman"


def test_every_pipeline_stage_is_registered_with_its_contract():
    from dragoman.pipeline import STAGES

    assert set(STAGES) <= set(REGISTRY)
    check_order([REGISTRY[name] for name in STAGES])  # the default order meets every requirement
    assert "events" in REGISTRY["events"].assigns and "actors" in REGISTRY["events"].requires


def test_a_stage_before_what_it_needs_is_refused():
    with pytest.raises(ValueError, match="'events' needs .*actors"):
        check_order([REGISTRY["events"]])
    late = StageSpec("late", lambda o: None, requires=("places",), assigns=())
    with pytest.raises(ValueError, match="'late' needs places"):
        check_order([REGISTRY["actors"], late, REGISTRY["places"]])


def test_a_coder_with_an_unknown_or_misordered_stage_fails_at_start():
    from dragoman.pipeline import Coder, CoderOptions

    with pytest.raises(ValueError, match="unknown stage"):
        Coder(CoderOptions(stages=("actors", "sentiment")))
    with pytest.raises(ValueError, match="needs"):
        Coder(CoderOptions(stages=("quotes", "actors")))


def _module_imports() -> dict[str, set[str]]:
    """Module → the dragoman modules it imports at module level (``from pkg import
    sub`` counts as importing the submodule, not the package)."""
    paths = {("dragoman." + ".".join(p.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__"): p
             for p in SRC.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        deps = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dragoman"):
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    deps.add(sub if sub in paths else node.module)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names if a.name in paths)
        graph[name] = {d for d in deps if d in paths and d != name}
    return graph


def test_no_import_cycles():
    graph = _module_imports()
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycle.extend(path[path.index(dep):] + [node, dep] if dep in path else [node, dep])
                return True
            if dep not in state and visit(dep, path + [node]):
                return True
        state[node] = 2
        return False

    for module in sorted(graph):
        if module not in state and visit(module, []):
            break
    assert not cycle, " -> ".join(cycle)
