"""Shared fixtures: the registry, a linter factory and the CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.config import Config
from linter.rules_loader import load_registry
from linter.runner import Linter

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def registry():
    return load_registry(Config())


@pytest.fixture
def make_linter(registry):
    def make(select=None, fix=False, unsafe=False, config=None):
        rules = registry.select(select) if select else registry.select()
        return Linter(rules, config or Config(), fix=fix, unsafe=unsafe)

    return make


def run_cli(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess:
    """Run ``python -m linter.cli`` as a user would run ``mtlint``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "linter.cli", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )
