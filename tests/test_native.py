"""The compiled copy of bot/extract: found only for its own sources, and it gives
exactly what the plain Python modules give."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.extract import extract_facts, native, read_document

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "articles").iterdir()])


def _package(folder: Path, modules: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in modules.items():
        (folder / name).write_text(text)
    return folder


def _finished_build(prefix: Path, package_dir: Path) -> Path:
    build = native.build_folder(native.sources_digest(native.build_inputs(package_dir)), prefix)
    native.package_folder(build).mkdir(parents=True)
    (build / native.READY).write_text("")
    return build


def test_the_entry_points_and_the_loader_stay_plain_python(tmp_path: Path) -> None:
    package = _package(
        tmp_path / "pkg",
        {"__init__.py": "", "__main__.py": "", "native.py": "", "dates.py": "", "names.py": ""},
    )
    assert [path.name for path in native.compiled_sources(package)] == ["dates.py", "names.py"]


def test_a_build_is_found_only_for_the_sources_it_was_made_from(tmp_path: Path) -> None:
    package = _package(tmp_path / "pkg", {"dates.py": "A = 1\n", "names.py": "B = 2\n"})
    prefix = tmp_path / "venv"
    assert native.matching_build(package, prefix) is None
    build = _finished_build(prefix, package)
    assert native.matching_build(package, prefix) == build

    (package / "dates.py").write_text("A = 10\n")  # an edit after the build
    assert native.matching_build(package, prefix) is None
    (package / "dates.py").write_text("A = 1\n")
    assert native.matching_build(package, prefix) == build
    (package / "visits.py").write_text("")  # a new module is not in the build
    assert native.matching_build(package, prefix) is None


def test_a_build_also_depends_on_the_project_modules_the_package_imports(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    (project / "bot").mkdir(parents=True)
    (project / "bot" / "records.py").write_text("class Fact: ...\n")
    package = _package(
        project / "bot" / "extract",
        {"facts.py": "from bot.records import Fact\nfrom bot.extract.dates import A\n"},
    )
    assert native.build_inputs(package) == [package / "facts.py", project / "bot" / "records.py"]
    prefix = tmp_path / "venv"
    build = _finished_build(prefix, package)
    (project / "bot" / "records.py").write_text("class Fact:\n    id: int\n")
    assert native.matching_build(package, prefix) is None
    (project / "bot" / "records.py").write_text("class Fact: ...\n")
    assert native.matching_build(package, prefix) == build


def test_the_real_build_covers_records_and_errors() -> None:
    names = {"/".join(path.parts[-2:]) for path in native.build_inputs()}
    assert {"bot/records.py", "bot/errors.py", "extract/facts.py", "extract/native.py"} <= names


def test_a_build_without_its_ready_mark_is_not_used(tmp_path: Path) -> None:
    package = _package(tmp_path / "pkg", {"dates.py": "A = 1\n"})
    prefix = tmp_path / "venv"
    build = _finished_build(prefix, package)
    (build / native.READY).unlink()  # interrupted before the end
    assert native.matching_build(package, prefix) is None


def test_old_builds_are_pruned_but_the_new_one_and_a_few_others_stay(tmp_path: Path) -> None:
    root = tmp_path / native.BUILDS
    builds = []
    for age in range(6):
        build = root / f"digest{age}"
        build.mkdir(parents=True)
        (build / native.READY).write_text("")
        stamp = time.time() - 1000 * age
        os.utime(build / native.READY, (stamp, stamp))
        builds.append(build)
    unfinished = root / ".digest9-tmp"
    unfinished.mkdir()
    native._prune(root, keep=builds[5])  # the oldest mtime, but just built
    left = sorted(path.name for path in root.iterdir())
    assert left == [".digest9-tmp", "digest0", "digest1", "digest2", "digest5"]


def _pure_python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", native.PURE_OPTION, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )


def test_the_pure_option_runs_the_plain_modules() -> None:
    done = _pure_python("-c", "from bot.extract import native; print(native.running_compiled())")
    assert done.stdout.strip() == "False"
    assert "plain Python" in _pure_python("-m", "bot.extract", "status").stdout


def test_the_compiled_build_is_in_use_wherever_it_can_be_built() -> None:
    """`make` builds it before the tests; a failed or stale build must not go unnoticed."""
    if native.pure_requested():
        pytest.skip("the suite runs the plain modules (-X tiesbot-pure)")
    missing = native._missing_tools()
    if missing is not None:
        pytest.skip(f"no compiled build here: {missing}")
    assert native.running_compiled(), native.status()


_DUMP = """
import dataclasses, json, sys
from bot.extract import extract_facts, native, read_document
assert not native.running_compiled()
out = []
for name, text in json.load(sys.stdin):
    article = read_document(text.encode(), filename=name)
    facts = [dataclasses.asdict(fact) for fact in extract_facts(article)]
    out.append([dataclasses.asdict(article), facts])
print(json.dumps(out))
"""


def _documents() -> list[tuple[str, str]]:
    """The seed and the test articles, and new articles made by mixing their paragraphs."""
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in ARTICLES]
    paragraphs = [p for _, text in texts for p in text.split("\n\n")[2:] if p.strip()]
    rng = random.Random(7)
    for number in range(80):
        header = f"Mixed report {number}\n\nThe Test Gazette, {rng.randint(1, 28)} May 2019\n\n"
        body = "\n\n".join(rng.sample(paragraphs, 6))
        texts.append((f"mixed-{number}.txt", header + body))
    return texts


def test_compiled_and_plain_python_extract_the_same_facts() -> None:
    if not native.running_compiled():
        pytest.skip(f"nothing to compare: {native.status()}")
    documents = _documents()
    here = []
    for name, text in documents:
        article = read_document(text.encode(), filename=name)
        facts = [dataclasses.asdict(fact) for fact in extract_facts(article)]
        here.append([dataclasses.asdict(article), facts])
    there = json.loads(
        subprocess.run(
            [sys.executable, "-X", native.PURE_OPTION, "-c", _DUMP],
            cwd=ROOT,
            input=json.dumps(documents),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert sum(len(facts) for _, facts in there) > 300  # a comparison of substance
    assert json.loads(json.dumps(here)) == there


_CONSTRUCTORS = """
import dataclasses, importlib, inspect, json
from bot.extract import native
checked = []
for path in native.compiled_sources():
    module = importlib.import_module(f"bot.extract.{path.stem}")
    for cls in vars(module).values():
        if not (inspect.isclass(cls) and dataclasses.is_dataclass(cls)):
            continue
        if cls.__module__ != module.__name__ or cls.__init__.__code__.co_filename == "<string>":
            continue  # not defined here, or the __init__ @dataclass generated
        fields = [f for f in dataclasses.fields(cls) if f.init]
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
        assert [p.name for p in params] == [f.name for f in fields], cls
        for param, field in zip(params, fields):
            missing = field.default is dataclasses.MISSING
            assert param.default == (inspect.Parameter.empty if missing else field.default), cls
        values = {f.name: object() for f in fields}
        made = cls(**values)
        assert all(getattr(made, name) is value for name, value in values.items()), cls
        checked.append(cls.__name__)
print(json.dumps(sorted(checked)))
"""


def test_written_out_constructors_match_their_dataclass_fields() -> None:
    """Each hand-written ``__init__`` takes exactly the dataclass's init fields,
    with the same defaults, and stores each one (checked on the plain modules,
    where the source is inspectable)."""
    checked = json.loads(_pure_python("-c", _CONSTRUCTORS).stdout)
    assert {"DateSpan", "GeoMention", "Money", "PersonMention", "SentenceView"} <= set(checked)


def test_no_cached_property_in_the_compiled_modules() -> None:
    """A compiled class has no instance ``__dict__``: ``cached_property`` would
    recompute its value at every read there (see native.py)."""
    used = re.compile(r"^\s*@(?:functools\.)?cached_property|import.*\bcached_property", re.M)
    offenders = [path.name for path in native.compiled_sources() if used.search(path.read_text())]
    assert offenders == []


def test_a_build_that_cannot_be_written_is_reported_not_raised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "venv"
    blocked.write_text("")  # a file where the builds folder's parent should be
    assert native.build(prefix=blocked) is None
    assert "compiled extraction not built" in capsys.readouterr().out
