"""Problems found in the data, each with the file, line, place and fix, collected before anything is built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PathT = tuple[Any, ...]


def where(path: PathT) -> str:
    """A place in the data as an editor reads it: ``editions[0].domains[2].id``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    where: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where}: {self.message}\n    fix: {self.fix}"


class DataError(Exception):
    """The data file has problems; ``problems`` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {problems[0].file}; nothing was built."
        super().__init__("\n".join([head, *map(str, problems)]))


@dataclass
class Problems:
    """Every problem found in one file, and the line of every place in it (filled by the YAML reader)."""

    file: str
    lines: dict[PathT, int] = field(default_factory=dict)
    found: list[Problem] = field(default_factory=list)
    # A value YAML read as something other than text (14:30 as the number 870, no as false), as it was written.
    written: dict[PathT, str] = field(default_factory=dict)

    def line(self, path: PathT) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def add(self, path: PathT, message: str, fix: str) -> None:
        self.found.append(Problem(self.file, self.line(path), where(path), message, fix))

    def add_at(self, line: int, place: str, message: str, fix: str) -> None:
        self.found.append(Problem(self.file, line, place, message, fix))

    def raise_if_any(self) -> None:
        if self.found:
            raise DataError(self.found)
