"""Source lines: a source without a link (NaN from the database) is plain text, not a crash."""

from dashboard.components.sources import source_line


def test_a_source_without_a_link_is_plain_text():
    for link in (None, float("nan"), ""):
        line = source_line("Syntetická data", "2026-11-26", link, illustrative=True)
        assert "Syntetická data" in str(line) and "href" not in str(line)


def test_a_source_with_a_web_address_links_to_it():
    assert "https://example.invalid/a" in str(source_line("Zápis", None, "https://example.invalid/a"))
