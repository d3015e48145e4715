"""The outlet registry: domains to canonical names."""

from __future__ import annotations

import pytest

from framing.corpus import outlets as registry
from framing.corpus.outlets import host_of, outlet_for, outlet_from_host, outlets, register_outlet


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("sputniknews.com", "Sputnik International"),
        ("https://sputnikglobe.com/20221127/x-1.html", "Sputnik International"),
        ("rt.com", "RT"),
        ("tass.com", "TASS"),
        ("en.news-front.info", "News Front"),
        ("reuters.com", "Reuters"),
        ("https://www.bbc.co.uk/news/60554910", "BBC"),
        ("bbc.com", "BBC"),
        ("aljazeera.com", "Al Jazeera"),
        ("www.msnbc.com", "MSNBC"),
        ("ukrinform.net", "Ukrinform"),
        ("censor.net", "Censor.net"),
        ("https://www.theguardian.com/world", "The Guardian"),
        ("nytimes.com", "The New York Times"),
        ("kyivindependent.com", "The Kyiv Independent"),
        ("mobile.reuters.com", "Reuters"),
        ("edition.cnn.com", "CNN"),
        ("apnews.com", "Associated Press"),
        ("www.pravda.com.ua", "Ukrainska Pravda"),
        ("rferl.org", "Radio Free Europe/Radio Liberty"),
        ("meduza.io", "Meduza"),
    ],
)
def test_known_domains_and_their_subdomains_resolve(value, name):
    assert outlet_for(value) == name


def test_unknown_or_malformed_values_give_none():
    assert outlet_for("example.org") is None
    assert outlet_for("not a domain") is None
    assert outlet_for(None) is None
    assert outlet_for("co.uk") is None  # a public suffix alone is no outlet


def test_host_drops_www_port_and_case():
    assert host_of("HTTPS://WWW.Example.org:8080/a?b") == "example.org"


def test_register_outlet_adds_and_overrides(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    register_outlet("example-news.org", "Example News", kind="online outlet", country="XX")
    assert outlet_for("https://m.example-news.org/a") == "Example News"
    register_outlet("rt.com", "RT (override)")
    assert outlet_for("rt.com") == "RT (override)"
    table = outlets()
    assert table.loc[table["domain"] == "example-news.org", "country"].item() == "XX"
    with pytest.raises(ValueError, match="The 'domain' parameter of register_outlet"):
        register_outlet("not a domain", "X")


def test_outlets_table_lists_every_domain_once():
    table = outlets()
    assert table["domain"].is_unique
    assert {"domain", "name", "kind", "country", "state_funded"} <= set(table.columns)


@pytest.mark.parametrize(
    ("value", "outlet"),
    [
        ("https://en.kremlin.ru/events/1", "kremlin.ru"),
        ("https://www.kremlin.ru/events/2", "kremlin.ru"),
        ("kremlin.ru", "kremlin.ru"),
        ("https://m.en.example.org/a", "example.org"),
        ("https://news.example.com/a", "news.example.com"),
        ("https://blog.example.com/a", "blog.example.com"),
        ("en.co.uk", "en.co.uk"),
        ("not a domain", None),
    ],
)
def test_unknown_domains_name_their_outlet_alike_with_or_without_www_or_an_edition(value, outlet):
    """Issue 13: outlets from URLs kept ``en.`` but dropped ``www.``; now both go alike."""
    assert outlet_from_host(value) == outlet
