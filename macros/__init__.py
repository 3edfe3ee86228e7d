"""The briefing's engine: data flows one way through its subpackages.

facts (load and check the data) -> routes (which page shows which record) -> render (pure
functions: views in, Markdown/HTML out) -> outputs and safety -> adapter (the only code that
imports MkDocs, Material or mkdocs-macros) -> cli. See ARCHITECTURE.md.
"""
