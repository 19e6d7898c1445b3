"""Find flags: every detector's spans, overlaps resolved by precedence."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from reflectjournal.domain.deid.kinds import KIND_ORDER, Flag, FlagKind, Span
from reflectjournal.domain.deid.lexicon import lexicon
from reflectjournal.domain.deid.names import name_spans
from reflectjournal.domain.deid.structured import structured_spans
from reflectjournal.domain.deid.watch_list import watch_list_spans


def find_flags(text: str, watch_list: Sequence[str] = ()) -> list[Flag]:
    """Return likely identifiers in text, sorted by start, never overlapping."""
    spans = watch_list_spans(text, watch_list)
    found = structured_spans(text) + name_spans(text)
    spans += _outside_safe_terms(text, found)
    return [Flag(s, e, kind, text[s:e], why) for s, e, kind, why in _resolve(text, spans)]


def _outside_safe_terms(text: str, spans: list[Span]) -> list[Span]:
    """Drop flags wholly inside a safe term (a brand, a programme, a hotline, an author)."""
    # The safe terms reuse the watch-list's matcher: same word boundaries, accents, hyphens.
    safe = watch_list_spans(text, lexicon().safe_terms)
    if not safe:
        return spans
    starts = [s for s, _e, _k, _w in safe]
    kept: list[Span] = []
    for span in spans:
        i = bisect_left(starts, span[0] + 1) - 1
        inside = i >= 0 and safe[i][0] <= span[0] and span[1] <= safe[i][1]
        if not inside:
            kept.append(span)
    return kept


def _tier(kind: FlagKind) -> int:
    if kind is FlagKind.WATCH_LIST:
        return 0
    return 2 if kind is FlagKind.NAME else 1


_TRIM = " \t\r\n,.;:!?()[]{}\"'“”‘’-–—/"


def _resolve(text: str, spans: list[Span]) -> list[Span]:
    """Keep the strongest flag wherever spans overlap; what a weaker one covers beyond it stays."""
    # Overlaps are settled within each cluster of overlapping spans, so a text with a great
    # many flags costs a sort and a sweep, not an insertion into one long list per flag.
    out: list[Span] = []
    cluster: list[Span] = []
    cluster_end = -1
    for span in sorted(spans):
        if cluster and span[0] >= cluster_end:
            out += _resolve_cluster(text, cluster)
            cluster = []
        cluster.append(span)
        cluster_end = max(cluster_end, span[1]) if len(cluster) > 1 else span[1]
    if cluster:
        out += _resolve_cluster(text, cluster)
    return out


def _resolve_cluster(text: str, spans: list[Span]) -> list[Span]:
    if len(spans) == 1:
        return spans
    ranked = sorted(spans, key=lambda s: (_tier(s[2]), -(s[1] - s[0]), KIND_ORDER[s[2]], s[0]))
    starts: list[int] = []
    kept: list[Span] = []  # disjoint, sorted by start, parallel to starts
    for start, end, kind, why in ranked:
        for piece_start, piece_end in _uncovered(starts, kept, start, end):
            if (piece_start, piece_end) != (start, end):
                # A leftover such as the " Street" of an address whose name is on the
                # watch-list is still worth flagging, but not a stray comma or space.
                piece = text[piece_start:piece_end]
                piece_start += len(piece) - len(piece.lstrip(_TRIM))
                piece_end -= len(piece) - len(piece.rstrip(_TRIM))
                if piece_start >= piece_end or not any(
                    c.isalnum() for c in text[piece_start:piece_end]
                ):
                    continue
            i = bisect_left(starts, piece_start)
            starts.insert(i, piece_start)
            kept.insert(i, (piece_start, piece_end, kind, why))
    return kept


def _uncovered(
    starts: list[int], kept: list[Span], start: int, end: int
) -> Iterator[tuple[int, int]]:
    i = bisect_left(starts, start)
    if i > 0 and kept[i - 1][1] > start:
        i -= 1
    pos = start
    while i < len(kept) and kept[i][0] < end:
        if kept[i][0] > pos:
            yield pos, kept[i][0]
        pos = max(pos, kept[i][1])
        i += 1
    if pos < end:
        yield pos, end

