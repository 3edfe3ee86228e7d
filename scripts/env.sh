# Sourced by the other scripts, from the repository's root: how they run Python.
#
# Python puts the current directory (or a script's folder) first on sys.path, so a file at the
# root of a pull request (`yaml.py`, `pip.py`, `venv.py`) would be imported in place of the module
# of that name. PYTHONSAFEPATH (Python 3.11+) leaves it off. The project's own package, `macros`,
# is installed in .venv by scripts/setup (only that package, never the root folder). Console
# scripts (.venv/bin/mkdocs, pytest) start from their own folder, not the working directory; ruff
# is not Python.
export PYTHONSAFEPATH=1
export NO_MKDOCS_2_WARNING=1
# Whatever the calling shell had on its path is not the project's.
unset PYTHONPATH
# A checkout from before the package was installed linked it from here.
rm -rf -- .python-path
