"""One run of the checker: every reference found in the materials read, with its verdict."""

from __future__ import annotations

from dataclasses import dataclass, field

from macros.checker import rules
from macros.checker.coverage import Coverage, coverage
from macros.checker.judge import Judge, Verdict, value
from macros.checker.materials import Material, Note
from macros.checker.scan import RE, Work, normalise, scan_line


@dataclass(frozen=True, slots=True)
class Reference:
    path: str  # display name
    line: int
    column: int | None  # in a text or Word line; None in a table (a cell's place in its line is not known)
    field: str | None  # a table's column header
    written: str
    verdict: Verdict
    part: str | None = None  # a Word file's part other than its body: "footnotes", "header1", "comments"…

    @property
    def where(self) -> str:
        part = f" ({self.part})" if self.part else ""
        return f"{self.path}{part}:{self.line}" + (f":{self.column}" if self.column else "")

    def __str__(self) -> str:  # as a place in the coverage
        return self.where


@dataclass
class Run:
    judge: Judge
    references: list[Reference] = field(default_factory=list)
    uncounted: list[Reference] = field(default_factory=list)  # bare numbers of real outcomes, not counted
    notes: list[Note] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    work: Work = field(default_factory=Work)

    def check(self, material: Material) -> None:
        self.files_read.append(material.path)
        outcomes = self.judge.outcomes
        columns = material.kind != "table"
        cue = False  # the line before ended with a PQS cue (PQS:), or continued its list: this line may hold the list
        for line in material.lines:
            if not line.text:
                continue  # an empty line or cell holds nothing, and leaves a cue open
            if line.cell:
                cue = False
            elif cue and not RE["trim"].sub("", normalise(line.text)):
                continue  # blank lines may stand between a cue and its list
            scanned = scan_line(line.text, line.column, self.work, cued=cue and not line.cell)
            cue = not line.cell and (scanned.opens or (cue and scanned.continued))
            for f in scanned.found:
                col = line.offset + f.start + 1 if columns else None
                verdict = self.judge.verdict(f)
                self.references.append(Reference(material.path, line.number, col, line.field, f.written, verdict, line.part))
            for f in scanned.bare:
                if not f.numbers[0].startswith("0") and f"{value(f.numbers[0])}.{value(f.numbers[1])}" in outcomes:
                    col = line.offset + f.start + 1 if columns else None
                    ok = Verdict(rules.OK, f.written, "outcome", "", "")
                    self.uncounted.append(Reference(material.path, line.number, col, line.field, f.written, ok, line.part))

    def errors(self) -> list[Reference]:
        """IDs that cannot exist: unknown or malformed."""
        return [r for r in self.references if r.verdict.status in rules.ERRORS]

    def not_recorded(self) -> list[Reference]:
        """IDs under a real outcome that this data does not record: see the official document."""
        return [r for r in self.references if r.verdict.status == rules.NOT_RECORDED]

    def reused(self) -> list[Reference]:
        """IDs of this edition whose number another edition gave other words: which did the writer mean?"""
        return [r for r in self.references if r.verdict.status == rules.REUSED]

    def coverage(self) -> Coverage:
        return coverage(self.judge.edition, ((r.verdict.id, r) for r in self.references if r.verdict.status in rules.VALID))
