"""The user's own data: notes and study history, in one SQLite database in the app-data folder.

    store/errors.py   StoreError (the one error a store raises, in words a user acts on) and
                      LoadResult (what a store loaded and what went wrong while loading)
    store/db.py       UserDatabase: opening needleguide.sqlite3, the schema and its ordered
                      migrations, transactions, moving a damaged database aside, ``explain``
    store/legacy.py   the JSON files of earlier versions, taken into the database once
    store/base.py     what both stores share: the connection, the legacy migration, problems
    store/notes.py    NotesStore: notes per region and their earlier versions
    store/study.py    StudyStore: one row per answered question

What is pure lives in ``core``: the notes file format, its limits and merge rules
(``core.notes``), the study schedule and the study-history JSON format (``core.schedule``).
Nothing here imports Qt or the UI. The stores are created by the composition root
(``needleguide.app``) with the app-data folder and handed to the widgets that use them.

This package imports nothing at import time: ``sqlite3`` costs milliseconds that the first
paint does not need, so import the module you use.
"""
