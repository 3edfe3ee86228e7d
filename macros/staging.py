"""Publishing a build all at once: the site is written to a staging folder beside its target and
moved into place only when both languages built without error or warning. A failed build leaves
the previous site as it was."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.utils import CountHandler

_SUFFIX = ".staging"


def stage(config) -> None:
    """Point the build at a fresh staging folder; remember where the site belongs."""
    target = Path(config["site_dir"])
    staging = target.with_name(target.name + _SUFFIX)
    shutil.rmtree(staging, ignore_errors=True)
    config["extra"]["_publish_to"] = str(target)
    config["extra"]["_staging"] = str(staging)
    config["site_dir"] = str(staging)


def _warnings_counted() -> bool:
    # MkDocs aborts a strict build *after* on_post_build when it counted warnings.
    handlers = logging.getLogger("mkdocs").handlers
    return any(h.get_counts() for h in handlers if isinstance(h, CountHandler))


def publish(config) -> None:
    target = config["extra"].get("_publish_to")
    if not target or (config["strict"] and _warnings_counted()):
        return
    staging, target = Path(config["site_dir"]), Path(target)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    config["site_dir"] = str(target)


def discard(config) -> None:
    """Remove what a failed build staged (nothing, once it was published)."""
    staging = config["extra"].get("_staging")
    if staging:
        shutil.rmtree(staging, ignore_errors=True)
