"""`python -m macros`: the command line (macros/cli/)."""

import sys
from pathlib import Path


def _outside_environment(missing: str) -> int:
    """One line instead of a traceback when the project's packages are not installed in this
    Python: it is not the project's virtual environment."""
    repo = Path(__file__).resolve().parent.parent
    args = " ".join(sys.argv[1:]) or "check"
    if (repo / ".venv" / "bin" / "python").exists():
        how = f"activate it first (. .venv/bin/activate) or run .venv/bin/python -m macros {args}"
    else:
        how = f"run ./scripts/setup first, then .venv/bin/python -m macros {args}"
    print(
        f"python -m macros: this Python is not the project's virtual environment "
        f"(no module '{missing}'); {how}",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    try:
        from macros.cli.commands import main
    except ModuleNotFoundError as exc:
        if not exc.name or exc.name.split(".")[0] == "macros":
            raise  # our own code is broken: that is a bug, not a setup step
        sys.exit(_outside_environment(exc.name))
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM where a command turns it into one (bench)
        print("python -m macros: stopped", file=sys.stderr)
        sys.exit(130)
