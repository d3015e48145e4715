"""Each bundled term's hits in the real development corpora (``../shared/data``)."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.corpus.schema import conform

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus(shared_data) -> pd.DataFrame:
    parts = []
    ruwa = pd.read_csv(shared_data / "ruwa" / "RUWA_04.08.23.csv")
    parts.append(
        pd.DataFrame({"title": ruwa["title"], "text": ruwa["desc"], "outlet": ruwa["Site"]})
    )
    for name, outlet in (("Sputnik_FULL", "Sputnik"), ("Kyiv_Ind_FULL", "Kyiv Independent")):
        sheet = pd.read_excel(shared_data / "sputnik_kyivind_titles" / f"{name}.xlsx")
        parts.append(pd.DataFrame({"title": sheet["title_name"], "text": "", "outlet": outlet}))
    for name, outlet in (("Guardians_Russia_Ukraine", "Guardian"), ("NYT_Russia_Ukraine", "NYT")):
        table = pd.read_csv(shared_data / "nyt_guardian" / f"{name}.csv")
        parts.append(
            pd.DataFrame({"title": table["headlines"], "text": table["articles"], "outlet": outlet})
        )
    addresses = pd.read_json(
        shared_data / "resistinua" / "resistinua_messages_en.jsonl", lines=True
    )
    parts.append(
        pd.DataFrame({"title": addresses["name"], "text": addresses["text"], "outlet": "ResistUA"})
    )
    frame = pd.concat(parts, ignore_index=True).fillna("")
    frame.insert(0, "doc_id", [f"doc{number}" for number in range(len(frame))])
    frame["published"] = pd.NaT
    for column in ("doc_id", "title", "text", "outlet"):
        frame[column] = frame[column].astype(str).astype("string")
    return conform(frame)


def hits_per_term(corpus: pd.DataFrame, name: str) -> pd.DataFrame:
    lexicon = framing.load_lexicon(name)
    hits = framing.match(corpus, lexicon, classify_voice=False, workers=1, progress=False)
    counts = hits.groupby(["concept", "variant", "term"]).size()
    table = lexicon.to_dataframe()[["concept", "variant", "term"]].astype(str)
    table["hits"] = [int(counts.get(key, 0)) for key in table.itertuples(index=False)]
    return table


def test_every_ukraine_war_term_has_hits_in_the_development_corpora(corpus):
    table = hits_per_term(corpus, "ukraine_war")
    # Banderite* was added from a reading of Kremlin texts outside these corpora (its
    # note and source say so); every other term is found.
    assert table.loc[table["hits"] == 0, "term"].tolist() == ["Banderite*"]
    note = framing.load_lexicon("ukraine_war").concept("ukrainian_forces_label")
    assert "no hits" in note.variant("russian_state").terms[-1].note
    # Both sides are measured: each side's loaded vocabulary is found.
    by_variant = table.groupby(["concept", "variant"])["hits"].sum()
    assert by_variant["war_name", "russian_state"] > 0
    assert by_variant["russian_forces_label", "ukrainian_side_loaded"] > 0


def test_core_toponym_pairs_are_found_on_both_sides(corpus):
    table = hits_per_term(corpus, "ukraine_toponyms")
    by_variant = table.groupby(["concept", "variant"])["hits"].sum()
    for place in ("kyiv", "kharkiv", "odesa", "luhansk", "donbas", "zaporizhzhia", "mykolaiv"):
        assert by_variant[place, "russian_derived"] > 0, place
        assert by_variant[place, "ukrainian_derived"] > 0, place
    # Most of the 1,092 spellings (small places, fixed expressions) have no hit in these
    # early-war corpora; docs/lexicons.md gives these figures and says why they stay.
    no_hits = table[table["hits"] == 0]
    # Counted with the sense rules: 'Vladimir' and 'Volodymyr' are first names here, never
    # the city of Volodymyr in Volyn, so the rules leave them no hit (852 without rules).
    assert (len(table), len(no_hits)) == (1092, 854)
    assert {"Vladimir", "Volodymyr"} <= set(no_hits["term"])
    lexicon = framing.load_lexicon("ukraine_toponyms")
    fixed = [c.name for c in lexicon.concepts if "fixed expression" in c.description]
    fixed_hits = table[table["concept"].isin(fixed)].set_index("term")["hits"]
    assert (len(fixed), len(fixed_hits), int((fixed_hits == 0).sum())) == (17, 34, 31)
    assert fixed_hits[fixed_hits > 0].index.tolist() == ["Kievan Rus", "Kyivan Rus", "Babyn Yar"]
    named_in_docs = [
        "Zaporozhie",
        "Artemivsk",
        "Krasnyi Lyman",
        "Dniepropetrovsk",
        "Rovno",
        "Zhitomir",
        "Kirovograd",
        "Ternopol",
        "Feodosiya",
        "Feodosiia",
        "Podolye",
        "Podillia",
    ]
    assert set(named_in_docs) <= set(no_hits["term"])
