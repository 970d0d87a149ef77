"""What the data says became of an ID, for judging a reference written against another edition (issue 21).

Read on the rehearsal (tests/fixtures/rehearsal/README.md lists its changes), as the checker, the
404 page and the search box will read it once a final edition is current."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from editions import KEY, rehearsal_text

from macros.core import loader
from macros.core.history import fates


@pytest.fixture(scope="module")
def rehearsal_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rehearsal-data")
    (folder / "pqs.yaml").write_text(rehearsal_text(), encoding="utf-8")
    shutil.copy(ROOT / "data" / "pqs.schema.json", folder / "pqs.schema.json")
    return folder / "pqs.yaml"


@pytest.fixture(scope="module")
def rehearsed(rehearsal_file):
    return loader.load(rehearsal_file, "data/pqs.yaml")


def test_judged_by_the_final_each_changed_draft_id_says_what_became_of_it(rehearsed):
    f = fates(rehearsed, KEY)
    assert (f["4.2 K13"].change, f["4.2 K13"].older, f["4.2 K13"].targets) == ("withdrawn", "draft-2025", ())
    assert (f["2.5 D4"].change, f["2.5 D4"].targets) == ("split", ("2.5 D1", "2.5 D2"))
    assert (f["2.6 D2"].change, f["2.6 D2"].targets) == ("merged", ("6.2 D1",))
    # 3.2 D2 is an ID of the final too, with other words: whoever cites it must say which they meant.
    assert (f["3.2 D2"].change, f["3.2 D2"].other) == ("reused", "draft-2025")
    # The final's 3.2 D1 is the draft's 3.2 D2, and the draft had a 3.2 D1 of its own (not recorded here).
    assert f["3.2 D1"].change == "reused"
    # Reworded, nothing else: the same statement, no fate to tell.
    assert "5.2 K2" not in f and "1.2" not in f
    assert "3.3" not in f  # unchanged


def test_judged_by_the_draft_only_numbers_the_final_gave_other_words_are_flagged(rehearsed):
    f = fates(rehearsed, "draft-2025")
    assert (f["3.2 D2"].change, f["3.2 D2"].other) == ("reused", KEY)
    assert (f["4.6"].change, f["4.6"].other) == ("later", KEY)
    # The draft's own IDs that the final dropped are still the draft's: nothing to tell a reader of the draft.
    assert "4.2 K13" not in f and "2.5 D4" not in f and "2.6 D2" not in f


def test_one_edition_has_no_fates(framework):
    assert fates(framework, framework.current.key) == {}


def test_each_fate_is_said_in_words_that_name_both_editions(rehearsed):
    f = fates(rehearsed, KEY)
    draft, final = (rehearsed.editions[k].short_title for k in ("draft-2025", KEY))
    assert f["4.2 K13"].words(rehearsed, "4.2 K13", KEY) == f"4.2 K13 of the {draft} was withdrawn in the {final}"
    assert f["2.5 D4"].words(rehearsed, "2.5 D4", KEY) == f"2.5 D4 of the {draft} was split in the {final} into 2.5 D1 and 2.5 D2"
    assert (
        f["3.2 D2"].words(rehearsed, "3.2 D2", KEY) == f"3.2 D2 has other words in the {draft} than in the {final}: check which you meant"
    )
    back = fates(rehearsed, "draft-2025")
    assert back["4.6"].words(rehearsed, "4.6", "draft-2025") == f"4.6 is an ID of the {final}, not of the {draft}"


# -- the checker's verdicts, in both engines ----------------------------------------------------------

FATE_CASES = ["3.2 D2", "4.2 K13", "2.5 D4", "PQS 2.6 D2", "3.2 D1", "PQS 3.3", "9.9 D9", "3.2 D9", "4.2 k13 and 2.5-D4"]


def test_the_checker_reports_what_became_of_an_id_the_final_dropped(rehearsed):
    from macros.checker.judge import Judge
    from macros.checker.scan import Work, scan

    judge = Judge(rehearsed, rehearsed.current)
    draft, final = (rehearsed.editions[k].short_title for k in ("draft-2025", KEY))

    def verdict(text):
        return judge.judge(scan(text, None, Work())[0][0])

    v = verdict("4.2 K13")
    assert (v.status, v.reason, v.message) == ("unknown", "withdrawn", f"4.2 K13 of the {draft} was withdrawn in the {final}")
    v = verdict("2.5 D4")
    assert (v.status, v.reason, v.suggestions) == ("unknown", "split", ("2.5 D1", "2.5 D2"))
    assert v.message == f"2.5 D4 of the {draft} was split in the {final} into 2.5 D1 and 2.5 D2"
    v = verdict("2.6 D2")
    assert (v.reason, v.suggestions) == ("merged", ("6.2 D1",))
    assert verdict("PQS 3.3").status == "ok"
    assert verdict("9.9 D9").reason == "no-such-domain"  # no edition had it: the usual verdict


def test_both_engines_give_a_fate_alike(rehearsed, tmp_path):
    from checker_engines import NodeEngine, python_answer, subprocess_ok

    from macros.checker.judge import Judge

    if not subprocess_ok():
        pytest.skip("node is not installed")
    node = NodeEngine(rehearsed, tmp_path)
    try:
        judge = Judge(rehearsed, rehearsed.current)
        answers = node.ask("scan", cases=[[text, None] for text in FATE_CASES])
        for text, answer in zip(FATE_CASES, answers, strict=True):
            answer.pop("steps")
            py = python_answer(judge, text, None)
            py.pop("steps")
            assert answer == py, text
        assert {a["found"][0][5] for a in answers} >= {"withdrawn", "split", "merged"}
    finally:
        node.close()


def test_a_number_the_final_gave_other_words_is_valid_counted_and_listed_to_check(rehearsed, rehearsal_file, tmp_path, capsys):
    """3.2 D2 is an ID of the final, but the draft's 3.2 D2 was another statement: the report says to check which
    was meant, counts it in the coverage, and fails the run only with --strict."""
    import json

    from macros.checker import cli

    data = rehearsal_file
    folder = tmp_path / "materials"
    folder.mkdir()
    (folder / "module.md").write_text("Module 1: PQS 3.2 D2 and 3.3\n", encoding="utf-8")
    code = cli.main(["--data", str(data), str(folder), "--json", str(tmp_path / "r.json")])
    out = capsys.readouterr().out
    assert code == 0
    draft, final = (rehearsed.editions[k].short_title for k in ("draft-2025", KEY))
    assert "Check which edition you meant: 1 (valid IDs, counted in the coverage)" in out
    assert f"3.2 D2 has other words in the {draft} than in the {final}: check which you meant" in out
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in report["reused"]] == ["3.2 D2"] and report["problems"] == []
    assert "3.2 D2" in [s["id"] for s in report["coverage"]["statements"] if s["cited"]]
    assert cli.main(["--data", str(data), str(folder), "--strict"]) == 1


def test_materials_written_against_the_draft_are_checked_by_it_with_edition(rehearsed, rehearsal_file, tmp_path, capsys):
    from macros.checker import cli

    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "module.md").write_text("PQS 4.2 K13, 3.2 D2 and PQS 4.6\n", encoding="utf-8")
    code = cli.main(["--data", str(rehearsal_file), "--edition", "draft-2025", str(folder)])
    out = capsys.readouterr().out
    draft, final = (rehearsed.editions[k].short_title for k in ("draft-2025", KEY))
    assert out.startswith(f"pqs-check: 1 file checked against the {draft} (edition draft-2025")
    assert code == 1 and "Problems: 1" in out and f"4.6 is an ID of the {final}, not of the {draft}" in out
    assert f"3.2 D2 has other words in the {final} than in the {draft}: check which you meant" in out
    assert "4.2 K13" not in out.split("Coverage")[0]  # an ID of the draft: valid, nothing to say
