"""check_corpus and ``framing read --check``: documents whose text looks damaged (issue 13)."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

import framing
from framing.cli import main

SOUND = [
    "The council met on Tuesday. It agreed to reopen the bridge over the river.",
    "Officials in Kyiv said the talks would go on. The weather stayed cold and dry.",
    "Growers began picking early this year, a household name in the valley said.",
]


def corpus_of(texts, **columns):
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    for name, values in columns.items():
        frame[name] = values
    return framing.as_corpus(frame, outlet="X")


def problems(check):
    return sorted(map(tuple, check.problems[["doc_id", "problem"]].values.tolist()))


def test_sound_documents_are_not_listed():
    check = framing.check_corpus(corpus_of(SOUND * 3))
    assert check.ok and check.damaged == [] and "0 of 9 documents" in str(check)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("He said \ufffd and left.", "replacement"),
        ("The mayor of ÐšÐ¸ÐµÐ² spoke.", "mojibake"),
        ("The talks <div class='x'>went on</div> late.", "markup"),
        ("Tom &amp; Jerry", "markup"),
        ('["The first paragraph.", "The second paragraph."]', "json"),
        ('{"text": "The body", "id": 3}', "json"),
        ("The special military operationThe spokesman said so.", "glued_words"),
    ],
)
def test_each_kind_of_damage_is_listed(text, problem):
    check = framing.check_corpus(corpus_of([*SOUND, text]))
    if problem in ("markup", "mojibake"):  # as_corpus repairs entities and mojibake
        check = framing.check_corpus(
            framing.read_corpus(pd.DataFrame({"text": [*SOUND, text]}), repair=False, outlet="X")
        )
    assert problem in check.problems["problem"].tolist()
    assert check.damaged == [check.problems["doc_id"].iloc[0]]


def test_words_glued_at_lost_line_breaks_are_found_against_the_corpus_vocabulary():
    article = (
        "Forces shelled the outskirts of the city yesterday and officials in the city said "
        "the shelling went on through the night while people waited in the shelters and "
        "the officials counted the damage to the houses near the river and the bridge"
    )
    wrapped = "".join(textwrap.wrap(article, 40))  # line breaks lost: words glued
    check = framing.check_corpus(corpus_of([article] * 5 + [wrapped]))
    assert check.damaged == ["d5"]
    assert check.problems["problem"].tolist() == ["glued_words"]
    # a compound or two in sound text is not enough
    assert framing.check_corpus(corpus_of([article] * 5 + ["A household backfire."])).ok


def test_a_lone_surrogate_read_from_json_is_listed_as_a_replacement(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"title":"B","text":"cut emoji \\ud83d"}\n')
    check = framing.check_corpus(framing.read_corpus(path, outlet="X"))
    assert check.problems["problem"].tolist() == ["replacement"]
    assert check.problems["source"].iloc[0].endswith("a.jsonl, line 1")


def test_fields_are_checked_and_named():
    corpus = corpus_of(SOUND, title=["Fine", "Cut \ufffd", "Fine"])
    check = framing.check_corpus(corpus, fields=["title"])
    assert check.problems[["doc_id", "field"]].values.tolist() == [["d1", "title"]]
    with pytest.raises(ValueError, match="'fields' parameter of check_corpus"):
        framing.check_corpus(corpus, fields=["nope"])


def test_read_check_lists_damaged_documents_and_exits_3(tmp_path, capsys):
    source = tmp_path / "a.jsonl"
    source.write_text(
        '{"title":"A","text":"All is well."}\n'
        '{"title":"B","text":"He said <div class=x>Kiev</div> \\ufffd."}\n',
        encoding="utf-8",
    )
    assert main(["read", str(source), "--outlet", "X", "--check"]) == 3
    out = capsys.readouterr().out
    assert "1 of 2 documents look damaged" in out and "markup" in out and "replacement" in out
    clean = tmp_path / "b.jsonl"
    clean.write_text('{"title":"A","text":"All is well."}\n', encoding="utf-8")
    assert main(["read", str(clean), "--outlet", "X", "--check"]) == 0
