"""Pure-Python core of needleguide: data model, strict loader, card layout, queries, search,
history, body-map geometry and study mode.

Nothing in this package may import Qt: the command line and the tests rely on it.
"""
