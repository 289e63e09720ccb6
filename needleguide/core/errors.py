"""The one error type the data layer raises: every problem carries its file, line and column."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """One located problem in a data file. Lines and columns count from 1."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class DataError(Exception):
    """Invalid reference data. ``problems`` lists every located problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        return self.problems[0]
