"""The hook as other repositories use it: ``pre-commit try-repo`` against a bad file."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None, reason="pre-commit not installed"
)


def _git(*args, cwd):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_try_repo_hook_fails_then_fix_repairs(tmp_path):
    repo = tmp_path / "articles"
    repo.mkdir()
    _git("init", "-q", cwd=repo)
    bad = repo / "story.txt"
    bad.write_text("Rebels entered the the city.The army  left. \n", encoding="utf-8")
    _git("add", "story.txt", cwd=repo)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def hook(name):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(ROOT),
                name,
                "--files",
                "story.txt",
                "--verbose",
            ],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )

    check = hook("mtlint")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "RE001" in check.stdout and "story.txt:1:" in check.stdout
    fixed = hook("mtlint-fix")
    assert "files were modified by this hook" in fixed.stdout, fixed.stdout
    assert bad.read_text(encoding="utf-8") == "Rebels entered the city. The army left.\n"
    assert hook("mtlint").returncode == 0
