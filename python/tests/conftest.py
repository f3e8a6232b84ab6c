"""Shared helpers: the repository's corpora and the hashi binary the bindings must agree with."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPORA = sorted(p for p in (ROOT / "corpora").iterdir() if (p / "en.txt").exists())


def hashi_bin() -> pathlib.Path:
    """The CLI built from the same tree (`cargo build --release`, which `cargo test
    --release` does); HASHI_BIN overrides. Missing, the comparison tests fail: they are the
    point of the suite."""
    path = pathlib.Path(os.environ.get("HASHI_BIN", ROOT / "target" / "release" / "hashi"))
    assert path.exists(), f"{path}: build the CLI first (cargo build --release)"
    return path


def run_hashi(*args: str) -> str:
    out = subprocess.run(
        [str(hashi_bin()), *map(str, args)], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8")


def jsonl(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def aligner():
    import hashi

    return hashi.Aligner()
