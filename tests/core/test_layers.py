"""The layer rule: core never imports Qt, and the command line starts without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "desktop" / "core"


def test_no_module_under_core_imports_qt() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path}: {n}" for n in names
                          if n.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}
                          or n.startswith(("desktop.ui", "desktop.cli"))]
    assert offenders == []


def test_service_and_cli_load_without_qt() -> None:
    code = ("import sys, desktop.core.service, desktop.cli; "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_an_analysis_worker_loads_no_storage_or_export_code() -> None:
    """A worker imports the module of what it runs; the service layer cost each worker
    0.6 s of CPU for SQLAlchemy, Alembic and openpyxl that it never uses."""
    code = ("import sys, desktop.core.analysis_worker; "
            "print([m for m in sys.modules if m.startswith(('desktop.core.service', "
            "'sqlalchemy', 'alembic', 'openpyxl'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
