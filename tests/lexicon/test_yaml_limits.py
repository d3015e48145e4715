"""A lexicon's YAML cannot blow up: finding M9 of the adversarial review (issue 13)."""

from __future__ import annotations

import time

import framing


def billion_laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_M9_a_yaml_alias_bomb_is_refused_fast(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(billion_laughs(9), encoding="utf-8")
    assert len(path.read_bytes()) < 600
    started = time.perf_counter()
    check = framing.check_lexicon(path)
    assert time.perf_counter() - started < 5  # was 12 s and 1.25 GB at 7 levels
    assert not check.ok
    assert "aliases expand it to more than 1,000,000 nodes" in str(check)


def test_M9_a_recursive_alias_is_refused(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("kiev: &x [kyiv, *x]\n", encoding="utf-8")
    assert "recursive" in str(framing.check_lexicon(path))


def test_M9_the_node_limit_can_be_raised(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text(billion_laughs(3), encoding="utf-8")  # 9 + 81 + 729 nodes, and keys
    with framing.set_limits(yaml_nodes=100):
        assert "more than 100 nodes" in str(framing.check_lexicon(path))
    assert "aliases expand" not in str(framing.check_lexicon(path))


def test_m1_a_lexicon_of_thousands_of_globs_is_checked_fast(tmp_path):
    """Finding m1 of the adversarial review (issue 13): every glob was tried against
    every term (4,000 globs: 25 s)."""
    terms = "\n".join(f'          - "w{i}ab*"' for i in range(4000))
    path = tmp_path / "globs.yaml"
    path.write_text(
        "name: globs\nversion: '1'\nlanguage: en\nconcepts:\n  c:\n    variants:\n"
        f"      v:\n        terms:\n{terms}\n          - w17abc\n",
        encoding="utf-8",
    )
    started = time.perf_counter()
    check = framing.check_lexicon(path)
    assert time.perf_counter() - started < 5
    # the one term a glob covers is still found
    assert "the glob 'w17ab*' in the same variant already matches" in str(check)
