# Sourced by the other scripts, from the repository's root: how they run Python.
#
# Python puts the current directory (or a script's folder) first on sys.path, so a file at the
# root of a pull request (`yaml.py`, `pip.py`, `venv.py`) would be imported in place of the module
# of that name. PYTHONSAFEPATH (Python 3.11+) leaves it off. `python -m macros` then finds the
# project's package through a folder that holds nothing but a link to it, checked here at every
# run so that nothing else can be put there. Console scripts (.venv/bin/mkdocs, pytest) start
# from their own folder, not the working directory; ruff is not Python.
export PYTHONSAFEPATH=1
export NO_MKDOCS_2_WARNING=1
mkdir -p .python-path
find .python-path -mindepth 1 -maxdepth 1 ! -name macros -exec rm -rf -- {} +
if [ "$(readlink .python-path/macros)" != ../macros ]; then
  rm -rf -- .python-path/macros
  ln -s ../macros .python-path/macros
fi
export PYTHONPATH="$PWD/.python-path"
