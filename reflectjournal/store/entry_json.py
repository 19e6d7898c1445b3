"""Entries as the command line's JSON lines, each written by SQLite as UTF-8 bytes.

`list` and `search --format json` stream every entry as
`json.dumps(cli.output.entry_json(...), ensure_ascii=False)` would write it, byte for byte
(tests/cli/test_json_lines.py holds the two together). The line is built here because at
20,000 hits most of a hit's cost was Python's: json's C escaper took 8 µs over a
1,350-character body where SQLite's json_quote takes 1.4 (both escape every code point
alike: tested), and a line coming back as text was decoded and then encoded again (another
5-7 µs of a 4 KB line). A hit now costs Python one bytes object to write.

The shape is the export format's entry (domain/exchange.py entry_to_dict) and the three
keys the command line adds: each tag's label, the whole text, and a search's snippet.
"""

from __future__ import annotations

from reflectjournal.domain.search import HIGHLIGHT_END, HIGHLIGHT_START

_WHITESPACE = ",".join(str(c) for c in range(0x3001) if chr(c).isspace())
"""The characters str.strip() removes, as char() arguments (none lies above U+3000)."""

# Tags in the order Entry keeps them: family (competency, theme, user), then position, id.
_TAGS = (
    "(SELECT format('\"competencies\": [%s], \"themes\": [%s], \"tags\": [%s],"
    " \"starred\": %s, \"created_at\": %s, \"modified_at\": %s, \"labels\": {%s}',"
    + ", ".join(
        f"ifnull(group_concat(iif(t.family = '{family}', json_quote(t.id), NULL), ', '"
        " ORDER BY t.position, t.id), '')"
        for family in ("competency", "theme", "user")
    )
    + ", iif(e.starred, 'true', 'false'), json_quote(e.created_at),"
    " json_quote(e.modified_at),"
    " ifnull(group_concat(json_quote(t.id) || ': ' || json_quote(t.label), ', '"
    " ORDER BY t.family, t.position, t.id), ''))"
    " FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = e.id)"
)

# The text is the answers and the body joined by blank lines, stripped as str.strip() does.
_TEXT = (
    "json_quote(trim(ifnull((SELECT group_concat(value, char(10, 10)) FROM json_each(e.answers))"
    f" || char(10, 10), '') || e.body, char({_WHITESPACE})))"
)

_LINE = (
    "'{\"id\": %s, \"kind\": %s, \"date\": \"%s\", \"title\": %s, \"answers\": %s,"
    " \"body\": %s, \"fields\": %s, \"duration_minutes\": %s, %s, \"text\": %s%s}'"
)
# The date is sort_key.date_of_key in SQL: the key's day ordinal (above its low 32 bits)
# counted from 0001-01-01, Julian day 1,721,425.5 (both calendars are proleptic Gregorian).
_VALUES = (
    "json_quote(e.uuid), json_quote(e.kind), date(1721424.5 + (e.id >> 32)),"
    " json_quote(e.title), e.answers, json_quote(e.body), e.fields,"
    " ifnull(CAST(e.duration_minutes AS INTEGER), 'null'), "
    f"{_TAGS}, {_TEXT}"
)


def line_select(snippet: str | None) -> str:
    """Return the select list of one column, an entry's JSON line (without a newline).

    snippet is the SQL of a search's snippet (highlighted with domain.search's markers,
    which become [brackets] as cli.output.snippet_text makes them), or None in a listing.
    The stored answers and fields go in as the JSON text they are stored as.
    """
    if snippet is None:
        tail = "''"
    else:  # a snippet that came out empty is left out, as entry_json leaves it
        bracketed = (f"replace(replace({snippet}, '{HIGHLIGHT_START}', '['),"
                     f" '{HIGHLIGHT_END}', ']')")
        tail = f"ifnull(', \"snippet\": ' || nullif(json_quote({bracketed}), '\"\"'), '')"
    return f"CAST(format({_LINE}, {_VALUES}, {tail}) AS BLOB)"
