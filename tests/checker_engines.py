"""Both checkers side by side: pqs-check's Python and the browser engine run in Node, on the same rules and data.

The browser engine is docs/assets/javascripts/pqs-check-engine.js with the rules
script that the site publishes (macros.checker.browser.rules_script); Node runs
them as a page's worker would. One Node process answers many questions, so
property tests can compare thousands of inputs in a few seconds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

from macros.checker.browser import rules_script
from macros.checker.judge import Judge
from macros.checker.scan import Work, scan

ENGINE = ROOT / "docs" / "assets" / "javascripts" / "pqs-check-engine.js"
HARNESS = Path(__file__).with_name("checker_node.js")
NODE = shutil.which("node")


class NodeEngine:
    """The browser engine in a Node process: ask(op, **fields) -> its answer."""

    def __init__(self, fw, tmp: Path) -> None:
        from macros.render import exports

        rules = tmp / "pqs-check-rules.js"
        rules.write_text(rules_script(fw), encoding="utf-8")
        assert NODE, "node is needed for the checker tests (./dev installs npm, which brings it)"
        self.proc = subprocess.Popen(
            [NODE, str(HARNESS), str(rules), str(ENGINE)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self.ask("init", data=exports.export_data(fw)) is True

    def ask(self, op: str, **fields):
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"op": op, **fields}) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        assert "error" not in answer, answer["error"]
        return answer["ok"]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)
        if self.proc.stdout:
            self.proc.stdout.close()


def utf16(text: str, index: int) -> int:
    """A Python string index as JavaScript counts it (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


def python_answer(judge: Judge, text: str, column: str | None) -> dict:
    """What pqs-check finds in one line, in the shape of the Node harness's answer."""
    work = Work()
    found, bare = scan(text, column, work)
    answers = []
    for f in found:
        v = judge.judge(f)
        answers.append(
            [utf16(text, f.start), f.written, v.status, v.id, v.level, v.reason, v.message, list(v.suggestions), [list(x) for x in v.links]]
        )
    return {"found": answers, "bare": [b.written for b in bare], "steps": work.steps}


def subprocess_ok() -> bool:
    return NODE is not None and subprocess.run([NODE, "--version"], capture_output=True).returncode == 0
