"""The README's Python example runs as written: its one ```python block, executed in a scratch
copy of the repository's layout (the sample python/examples/docs.jsonl where the example reads
it), writes the dataset it says it writes."""

import pathlib
import re
import runpy


ROOT = pathlib.Path(__file__).resolve().parents[2]


def readme_python_blocks():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_readme_has_one_python_example():
    assert len(readme_python_blocks()) == 1


def test_the_readme_python_example_runs_as_written(tmp_path, monkeypatch, capsys):
    (block,) = readme_python_blocks()
    sample = tmp_path / "python" / "examples" / "docs.jsonl"
    sample.parent.mkdir(parents=True)
    sample.write_bytes((ROOT / "python" / "examples" / "docs.jsonl").read_bytes())
    script = tmp_path / "example.py"
    script.write_text(block, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script), run_name="__main__")
    import datasets

    saved = datasets.load_from_disk(str(tmp_path / "pairs"))
    assert set(saved.column_names) == {"translation", "score", "doc_id"}
    assert set(saved["doc_id"]) == {"jaxa-launch", "chat-lunch", "manual-kettle"}
    assert all(s >= 0.8 for s in saved["score"])
    # Most of the three articles' sentences pair with confidence.
    assert len(saved) >= 30, len(saved)
    assert "num_rows" in capsys.readouterr().out
