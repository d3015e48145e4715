"""Precision checks: sample hits, code them by hand, read the codes back, report precision.

A lexicon hit is not always the concept it was counted as: "Odessa" may be Odessa, Texas;
"cold war" may be history, not the information war. Precision, the share of hits that are
what they were counted as, is measured by reading a random sample of hits::

    sheet = framing.coding_sheet(hits, corpus, n=50)       # 50 hits per concept × variant
    framing.write_coding_sheet(sheet, "coding.xlsx")       # code them in a spreadsheet
    coded = framing.read_coding_sheet("coding.xlsx")       # checked on the way back in
    framing.precision(coded)                               # per variant, Wilson intervals
    framing.agreement(coded, coded_by_a_second_coder)      # Cohen's kappa, Krippendorff's alpha
    framing.recall(framing.read_coding_sheet("recall.xlsx"), coded)  # from recall_sheet

See ``docs/validation.md`` for the workflow, the statistics and the limits.

The coding sheet (one row a sampled hit):

===============  ========================================================================
hit_id           ``doc_id:field:start-end``: the hit's place in the corpus
concept, variant what the hit was counted as
left, match,     the hit in context (``match`` is exactly ``corpus[field][start:end]``)
right
code             entered by the coder: ``yes`` (the hit is what it was counted as),
                 ``no`` (a false match), ``unsure``; blank while not yet coded
comment          free text for the coder
term, voice,     the lexicon term, the voice and who speaks (``framing.voice``; a sheet
speaker,         written before the speaker column may lack it), the document's outlet
outlet, ...      and date, ...
stratum_hits     how many hits the stratum (e.g. concept × variant) has in all
check            8 letters that change when hit_id, match, term, concept, variant, voice,
                 outlet (or another stratum column) is edited; a guard against slips
===============  ========================================================================
"""

from framing.coding.agreement import AGREEMENT_COLUMNS, agreement
from framing.coding.precision import adjusted_counts, precision
from framing.coding.reading import read_coding_sheet
from framing.coding.recall import RECALL_COLUMNS, recall, recall_sheet
from framing.coding.sheet import CODES, PRECISION_COLUMNS, SHEET_COLUMNS, coding_sheet
from framing.coding.writing import write_coding_sheet
from framing.errors import CodingError

__all__ = [
    "AGREEMENT_COLUMNS",
    "CODES",
    "PRECISION_COLUMNS",
    "RECALL_COLUMNS",
    "SHEET_COLUMNS",
    "CodingError",
    "adjusted_counts",
    "agreement",
    "coding_sheet",
    "precision",
    "read_coding_sheet",
    "recall",
    "recall_sheet",
    "write_coding_sheet",
]
