"""Renderers: pure functions of the fact base, a language and a page location, returning Markdown
(with HTML blocks). They know nothing of MkDocs, so tests call them directly."""
