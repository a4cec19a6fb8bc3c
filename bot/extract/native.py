"""The compiled copy of this package: built by mypyc, loaded only if it matches the sources.

Extraction is about half of ingest time, and most of that is the interpreter
itself (bytecode dispatch, attribute and dict look-ups, object creation)
rather than the regex engine. mypyc compiles these very modules, unchanged,
into C extension modules that run the same code faster (extraction takes about
a quarter less time; bench/RESULTS.md); the type hints they already carry are
what it compiles against.

Where the build lives and when it is used:

- under the virtualenv (``<sys.prefix>/tiesbot-native/<digest>/``), never in
  the source tree, so a build cannot outlive the interpreter it was made for;
- in a folder named by a digest of the sources it was compiled from (with the
  project modules they import). An edited module changes the digest, so a stale
  build is simply not found and the package runs as plain Python until ``make``
  builds again;
- ``bot/extract/__init__.py`` puts the matching build first on the package's
  ``__path__``; Python then imports each module's extension instead of its
  ``.py`` file. ``python -X tiesbot-pure`` skips the build (tests compare the
  two).

No C compiler, no build: everything works the same, only slower.

Two rules keep the compiled copy fast (tests check both):

- The records the extractor builds by the thousand (mentions, spans, triggers,
  amounts) write their ``__init__`` out. ``@dataclass`` generates one at run
  time, so it stays interpreted Python even in the compiled copy, at about ten
  times the cost of a compiled one; an ``__init__`` in the class body is kept by
  ``@dataclass`` and compiled. Those records are not frozen, since a frozen
  ``__init__`` cannot assign its fields.
- No ``functools.cached_property``: a compiled class has no instance
  ``__dict__`` to cache in, so the value would be computed at every read.

    python -m bot.extract build    # what ``make`` runs; quick when up to date
    python -m bot.extract status
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE = "bot.extract"
# Plain Python on purpose: the package's entry points, which choose the build
# and run the commands below, and this module, which finds and makes it.
NOT_COMPILED = frozenset({"__init__.py", "__main__.py", "native.py"})
# The shared library of the build is a submodule too (bot.extract.native__mypyc),
# so it is found through the same __path__ as the modules it serves.
GROUP = f"{PACKAGE}.native"
BUILDS = "tiesbot-native"
READY = "READY"  # written last: a half-written build is never used
PURE_OPTION = "tiesbot-pure"  # python -X tiesbot-pure: run the plain Python modules
KEEP_BUILDS = 3  # other worktrees sharing the virtualenv may use older ones
# mypy flags for the build: the project has no top-level __init__.py, so module
# names come from paths; third-party packages are typed as Any where untyped.
MYPY_FLAGS = ("--explicit-package-bases", "--ignore-missing-imports", "--follow-imports=silent")


def compiled_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The modules mypyc compiles, in a stable order."""
    return sorted(path for path in package_dir.glob("*.py") if path.name not in NOT_COMPILED)


_OUTSIDE_IMPORT = re.compile(r"^(?:from|import) (bot\.(?!extract\b)[\w.]+)", re.MULTILINE)


def build_inputs(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """What a build is made from: the compiled modules, the project modules they
    import (bot.records, bot.errors), whose types mypyc compiled against, and this
    module, which holds the recipe (flags, group)."""
    sources = compiled_sources(package_dir)
    project = package_dir.parent.parent
    outside = {
        name
        for path in sources
        for name in _OUTSIDE_IMPORT.findall(path.read_text(encoding="utf-8"))
    }
    modules = [project.joinpath(*name.split(".")).with_suffix(".py") for name in sorted(outside)]
    inputs = sources + [path for path in modules if path.is_file()]
    recipe = package_dir / "native.py"
    if recipe.is_file():
        inputs.append(recipe)
    return inputs


def sources_digest(paths: list[Path]) -> str:
    """A short digest of the files' names and bytes: the name of their build (the
    same wherever the project is checked out)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update("/".join(path.parts[-2:]).encode() + b"\0")  # "extract/dates.py"
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def builds_root(prefix: Path | None = None) -> Path:
    return Path(sys.prefix if prefix is None else prefix) / BUILDS


def build_folder(digest: str, prefix: Path | None = None) -> Path:
    return builds_root(prefix) / digest


def package_folder(build: Path) -> Path:
    """Where a build keeps this package's extension modules."""
    return build.joinpath(*PACKAGE.split("."))


def pure_requested() -> bool:
    return PURE_OPTION in sys._xoptions


def matching_build(package_dir: Path = PACKAGE_DIR, prefix: Path | None = None) -> Path | None:
    """The finished build of exactly these sources, if there is one."""
    build = build_folder(sources_digest(build_inputs(package_dir)), prefix)
    return build if (build / READY).is_file() else None


def search_path(package_path: list[str]) -> list[str]:
    """The package's ``__path__``, with the matching build first when there is one."""
    if pure_requested():
        return package_path
    build = matching_build()
    if build is None:
        return package_path
    return [str(package_folder(build)), *package_path]


def running_compiled() -> bool:
    """Whether the package's modules were imported from a build (for reports and tests)."""
    from bot.extract import facts

    return not facts.__file__.endswith(".py")


def status() -> str:
    """One line saying which copy runs and why."""
    if pure_requested():
        return f"plain Python (-X {PURE_OPTION})"
    build = matching_build()
    if build is None:
        return "plain Python (no compiled build for these sources: run `make` to build one)"
    return f"compiled by mypyc ({build})"


def build(prefix: Path | None = None) -> Path | None:
    """Build the package for the current sources unless that build exists.

    Compiles in a child process whose output goes to a log file, into a temporary
    folder that is renamed into place only when complete. Returns the build, or
    None when it could not be made (the reason is printed; the caller goes on with
    plain Python).
    """
    try:
        return _build(prefix)
    except OSError as error:  # a read-only or full disk: the package still runs
        print(f"tiesbot: compiled extraction not built ({error}); using plain Python")
        return None


def _build(prefix: Path | None) -> Path | None:
    digest = sources_digest(build_inputs())
    final = build_folder(digest, prefix)
    if (final / READY).is_file():
        return final
    root = builds_root(prefix)
    root.mkdir(parents=True, exist_ok=True)
    missing = _missing_tools()
    if missing:
        print(f"tiesbot: compiled extraction not built ({missing}); using plain Python")
        return None
    log = root / "last-build.log"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(dir=root, prefix=f".{digest}-") as work:
        with log.open("w") as out:
            done = subprocess.run(
                [sys.executable, "-m", "bot.extract", "_compile", work],
                cwd=PACKAGE_DIR.parent.parent,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if done.returncode != 0:
            print(f"tiesbot: compiled extraction failed to build (see {log}); using plain Python")
            return None
        built = Path(work) / "lib"
        (built / READY).write_text(f"{digest}\n")
        try:
            os.rename(built, final)
        except OSError:  # another build of the same sources finished first
            if not (final / READY).is_file():
                raise
    _prune(root, keep=final)
    print(f"tiesbot: compiled extraction built in {time.monotonic() - started:.0f} s ({final})")
    return final


def _missing_tools() -> str | None:
    """Why a build cannot start here, if it cannot."""
    try:
        import mypyc  # noqa: F401
        import setuptools  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed"
    import sysconfig

    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.is_file():
        return f"no Python headers ({headers})"
    return None


def _compile(work: Path) -> None:
    """The child process: mypyc's C for the package, compiled by setuptools' build_ext."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    project = PACKAGE_DIR.parent.parent
    sources = [str(path.relative_to(project)) for path in compiled_sources()]
    # mypy's cache goes beside the builds, not into the checkout.
    cache = f"--cache-dir={work.parent / 'mypy-cache'}"
    extensions = mypycify(
        [*MYPY_FLAGS, cache, *sources],
        opt_level="3",
        target_dir=str(work / "c"),
        group_name=GROUP,
    )
    dist = Distribution({"name": "tiesbot-native", "ext_modules": extensions})
    command = dist.get_command_obj("build_ext")
    command.build_lib = str(work / "lib")
    command.build_temp = str(work / "obj")
    command.parallel = os.cpu_count() or 1
    dist.run_command("build_ext")


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the newest few builds (each is a few MB)."""
    builds = sorted(
        (path for path in root.iterdir() if path.is_dir() and (path / READY).is_file()),
        key=lambda path: (path / READY).stat().st_mtime,
        reverse=True,
    )
    for old in builds[KEEP_BUILDS:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        build()
        return 0  # no build is not an error: the package runs as plain Python
    if argv[:1] == ["status"]:
        print(status())
        return 0
    if argv[:1] == ["_compile"] and len(argv) == 2:
        _compile(Path(argv[1]))
        return 0
    print("usage: python -m bot.extract build|status", file=sys.stderr)
    return 2
