"""Lexicon verbs like the corpus's: load_lexicon(name) for the bundled lexicons,
read_lexicon and write_lexicon for files of any format, and the old spellings, which
still work for one release with a FutureWarning naming the new function."""

from __future__ import annotations

import inspect
import warnings
from pathlib import Path

import pytest

import framing
import framing.lexicon
import framing.lexicon.formats
from framing import (
    LexiconError,
    load_lexicon,
    read_dictionary,
    read_lexicon,
    write_dictionary,
    write_lexicon,
)


@pytest.fixture
def lexicon():
    return load_lexicon("ukraine_war")


@pytest.fixture
def yaml_file(tmp_path, lexicon) -> Path:
    path = tmp_path / "war.yaml"
    lexicon.to_yaml(path)
    return path


@pytest.fixture(autouse=True)
def no_unexpected_warnings():
    # Any FutureWarning not caught by pytest.warns below fails the test.
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        yield


def test_read_and_write_lexicon_take_native_yaml_and_the_dictionary_formats(tmp_path, lexicon):
    assert read_lexicon(write_lexicon(lexicon, tmp_path / "war.yaml")) == lexicon
    path = write_lexicon(lexicon, tmp_path / "war.txt", "yaml")
    assert read_lexicon(path, "yaml") == lexicon
    with pytest.warns(framing.LexiconWarning, match="cannot hold"):
        path = write_lexicon(lexicon, tmp_path / "war.lc3")
    assert len(read_lexicon(path)) == len(lexicon)


def test_format_is_the_same_parameter_in_the_same_place_everywhere():
    for function, position in (
        (read_lexicon, 1),
        (write_lexicon, 2),
        (read_dictionary, 1),
        (write_dictionary, 2),
        (load_lexicon, 1),
        (framing.check_lexicon, 1),
    ):
        parameter = list(inspect.signature(function).parameters.values())[position]
        assert parameter.name == "format", function.__name__
        assert parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert parameter.default is None


def test_load_lexicon_by_name_does_not_warn(lexicon):
    assert load_lexicon("ukraine_war") is lexicon


def test_the_new_verbs_are_public_and_the_old_spellings_are_not_advertised():
    for module in (framing, framing.lexicon, framing.lexicon.formats):
        assert {"read_lexicon", "write_lexicon"} <= set(module.__all__)
        assert not {"read_dictionary", "write_dictionary"} & set(module.__all__)
        assert module.read_dictionary is read_dictionary
        assert module.write_dictionary is write_dictionary


# -- the deprecated spellings ----------------------------------------------------------
def test_read_dictionary_warns_naming_read_lexicon_and_still_reads(yaml_file, lexicon):
    with pytest.warns(FutureWarning, match=r"read_dictionary is deprecated.*read_lexicon") as w:
        assert read_dictionary(yaml_file) == lexicon
    assert w[0].filename == __file__
    with pytest.warns(FutureWarning, match="read_lexicon"):
        assert read_dictionary(yaml_file, "yaml", encoding="utf-8") == lexicon


def test_write_dictionary_warns_naming_write_lexicon_and_still_writes(tmp_path, yaml_file, lexicon):
    with pytest.warns(FutureWarning, match=r"write_dictionary is deprecated.*write_lexicon") as w:
        path = write_dictionary(lexicon, tmp_path / "copy.yaml")
    assert w[0].filename == __file__
    assert path.read_bytes() == yaml_file.read_bytes()
    with pytest.warns(FutureWarning, match="write_lexicon"):
        write_dictionary(lexicon, tmp_path / "copy.txt", "yaml")
    assert read_lexicon(tmp_path / "copy.txt", "yaml") == lexicon


@pytest.mark.parametrize("as_path", [str, Path])
def test_load_lexicon_of_a_file_warns_naming_read_lexicon_and_still_reads(
    yaml_file, lexicon, as_path
):
    deprecated = r"load_lexicon\(path\) is deprecated.*read_lexicon"
    with pytest.warns(FutureWarning, match=deprecated) as w:
        assert load_lexicon(as_path(yaml_file)) == lexicon
    assert w[0].filename == __file__


def test_load_lexicon_of_a_file_still_passes_format_and_options(write):
    path = write("dict.txt", "neg:\n  - bad\n  - awful\npos: [good]\n")
    with pytest.warns(FutureWarning, match="read_lexicon"):
        lexicon = load_lexicon(path, "quanteda", categories=["neg"])
    assert [term.pattern for _, _, term in lexicon.entries()] == ["bad", "awful"]


def test_load_lexicon_source_keyword_warns_naming_name(lexicon):
    renamed = "'source' parameter of load_lexicon is now called 'name'"
    with pytest.warns(FutureWarning, match=renamed):
        assert load_lexicon(source="ukraine_war") is lexicon
    with pytest.raises(TypeError, match="both 'name' and 'source'"):
        load_lexicon("ukraine_war", source="ukraine_war")
    with pytest.raises(TypeError, match="missing 1 required argument: 'name'"):
        load_lexicon()


def test_an_unknown_name_points_to_read_lexicon_for_files():
    with pytest.raises(LexiconError, match=r"not a bundled lexicon .*framing\.read_lexicon\("):
        load_lexicon("my_lexicon")
    with pytest.raises(LexiconError, match="The 'name' parameter of load_lexicon must be"):
        load_lexicon(3)


def test_the_command_line_reads_lexicon_files_with_read_lexicon(yaml_file, lexicon):
    from framing._cli_io import _load_lexicon

    assert _load_lexicon(str(yaml_file)) == lexicon
    assert _load_lexicon("ukraine_war") is lexicon
    with pytest.raises(LexiconError, match="does not exist"):
        _load_lexicon("missing.yaml")
    with pytest.raises(LexiconError, match="not a bundled lexicon"):
        _load_lexicon("ukraine")
