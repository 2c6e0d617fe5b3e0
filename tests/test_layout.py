"""The code's layout: no module over 500 lines, and no import circle among the project's modules.

Every .py file under the project's apps counts (migrations and tests aside). An import circle is
read from every `import` and `from ... import` statement, at module level and inside functions
alike: a local import only postpones the circle to the first call.

How a statement becomes an edge of the graph:
- `import a.b.c` and `from a.b.c import name` lead to the module a.b.c only, not to the packages
  a and a.b that Python also runs first: a package's `__init__` is a module like any other, and
  it is in a circle only if it imports (or re-exports) the module that leads back to it.
- `from a.b import c` leads to a.b.c when that is a module, else to the package a.b.
- In a folder without `__init__.py` (a folder of scripts, such as geo/data/), `import x` leads to
  the script x.py beside the importing one, as Python finds it when the script is run.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["config", "incidents", "geo", "api", "maps", "datasets", "extraction", "benchmarks"]
SKIPPED_FOLDERS = {"migrations", "tests", "__pycache__", ".venv", "node_modules"}
MAX_LINES = 500
# Files that hold data rather than code may be longer, each named here with its reason. None today.
DATA_FILES: dict[str, str] = {}


def project_files(root: Path = ROOT, apps: list[str] = APPS) -> dict[str, Path]:
    """Every module of the apps that exist, by dotted name (a package by its folder's name)."""
    found = {}
    for app in apps:
        folder = root / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            relative = path.relative_to(root)
            if SKIPPED_FOLDERS & set(relative.parts[:-1]):
                continue
            parts = list(relative.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _targets(node: ast.AST, name: str, path: Path, modules: dict[str, Path]) -> list[str]:
    """The project modules one import statement of module `name` (at `path`) leads to."""
    package = name if _is_package(path) else name.rpartition(".")[0]
    in_scripts = not (path.parent / "__init__.py").exists()

    def known(dotted: str) -> str | None:
        if in_scripts and "." not in dotted and f"{package}.{dotted}" in modules:
            return f"{package}.{dotted}"
        return dotted if dotted in modules else None

    found = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            if target := known(alias.name):
                found.append(target)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join([*base, *([node.module] if node.module else [])])
        else:
            source = node.module or ""
        for alias in node.names:
            target = known(f"{source}.{alias.name}") or known(source)
            if target:
                found.append(target)
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Each module and the project modules its import statements (anywhere in it) lead to."""
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges = set()
        for node in ast.walk(tree):
            edges.update(_targets(node, name, path, modules))
        edges.discard(name)
        graph[name] = edges
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The graph's strongly connected components of more than one module (Tarjan's algorithm,
    iterative): each is a set of modules that import each other, directly or round a circle."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph.get(successor, ())))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return sorted(components)


def a_circle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One circle through the component's first module, as a path back to it (breadth first)."""
    members = set(component)
    start = component[0]
    came_from = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for successor in sorted(graph[node] & members):
                if successor == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [start, *reversed(path[:-1]), start] if len(path) > 1 else [start, node, start]
                if successor not in came_from:
                    came_from[successor] = node
                    following.append(successor)
        frontier = following
    return component


def describe(graph: dict[str, set[str]], components: list[list[str]]) -> str:
    return "\n".join(
        f"- {' -> '.join(a_circle(graph, component))}"
        + (f"  (circle of {len(component)}: {', '.join(component)})" if len(component) > 2 else "")
        for component in components
    )


def test_no_module_is_over_500_lines():
    too_long = {}
    for path in project_files().values():
        relative = str(path.relative_to(ROOT))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and relative not in DATA_FILES:
            too_long[relative] = lines
    assert not too_long, "Modules over 500 lines:\n" + "\n".join(
        f"- {path}: {lines}" for path, lines in sorted(too_long.items())
    )


def test_no_import_circles():
    graph = import_graph(project_files())
    components = strongly_connected(graph)
    assert not components, "Modules that import each other, round a circle:\n" + describe(graph, components)


def test_the_circle_finder_finds_a_planted_circle_and_no_other(tmp_path):
    """The checks above on a small made-up project: a package re-exporting its submodules, one
    submodule importing another through the package's full path (no circle), a circle closed by a
    local import, and scripts in a folder without __init__.py importing each other."""
    files = {
        "app/__init__.py": "",
        "app/models/__init__.py": "from app.models.a import A\nfrom app.models.b import B\n",
        "app/models/a.py": "A = 1\n",
        "app/models/b.py": "from app.models.a import A\nB = A\n",
        "app/one.py": "from app import two\n",
        "app/two.py": "def f():\n    from app.one import g\n",
        "app/three.py": "from . import models\nfrom .models import b\n",
        "app/data/first.py": "import second\n",
        "app/data/second.py": "import first\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    modules = project_files(tmp_path, ["app"])
    graph = import_graph(modules)
    assert graph["app.models"] == {"app.models.a", "app.models.b"}
    assert graph["app.models.b"] == {"app.models.a"}
    assert graph["app.three"] == {"app.models", "app.models.b"}
    assert strongly_connected(graph) == [["app.data.first", "app.data.second"], ["app.one", "app.two"]]
    assert describe(graph, [["app.one", "app.two"]]) == "- app.one -> app.two -> app.one"
