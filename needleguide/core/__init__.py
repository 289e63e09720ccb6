"""Pure-Python core of needleguide: data model, strict loader, queries and search.

Nothing in this package may import Qt: the command line and the tests rely on it.
"""
