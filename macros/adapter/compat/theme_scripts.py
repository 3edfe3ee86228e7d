"""The theme's own inline scripts, learnt by rendering Material's script partials.

The page audit (macros/safety/page_audit.py) gives the Content-Security-Policy of every page the
hashes of exactly these scripts, and fails any page whose inline scripts are others. Material
documents no list of the inline scripts it writes; its `partials/javascripts/*.html` templates
are where they come from, rendered here with the build's settings at a page's depth.

No public path gives the same site: without these hashes the policy would have to allow every
inline script ('unsafe-inline'), or the theme's search, palette and language selector would be
blocked. Whatever Material's version, this is what the build does (see compat/__init__.py); if a
release moved its scripts elsewhere, the audit would find scripts without a hash on every page and
fail the build, naming them: a loud failure, never a weaker policy.
"""

from __future__ import annotations

import weakref

from macros.safety.page_audit import inline_scripts

_script_templates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def theme_scripts(env, config, base_url: str) -> frozenset[str]:
    """The theme's own inline scripts as it writes them on a page at `base_url`: its script
    partials rendered with this build's settings. These, and only these, get a hash in the
    policy; whatever a page's content holds never does."""
    names = _script_templates.get(env)
    if names is None:
        # Listing walks every file of the theme (Material's thousands of icons): once per
        # environment, not once per page depth.
        names = _script_templates[env] = env.list_templates(
            filter_func=lambda n: n.startswith("partials/javascripts/")
        )
    features = config["theme"].get("features") or []
    rendered = "".join(
        env.get_template(name).render(config=config, base_url=base_url, features=features)
        for name in names
    )
    return inline_scripts(rendered)
