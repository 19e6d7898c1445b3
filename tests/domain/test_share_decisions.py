"""Which flags stay open before sharing, and why a bundle cannot be written yet."""

from __future__ import annotations

from reflectjournal.domain.share_decisions import FlagState, ShareDecisions

REDACT, ALLOW, UNRESOLVED = FlagState.REDACT, FlagState.ALLOW, FlagState.UNRESOLVED


def _decisions(*ids: str) -> ShareDecisions:
    decisions = ShareDecisions()
    decisions.track(ids)
    return decisions


def _ready(decisions: ShareDecisions, **state: bool) -> str:
    given = {"drafted": True, "recipient_chosen": True, "preparing": False, "writing": False}
    return decisions.why_not_ready(**(given | state))


def test_every_flag_starts_open_and_each_decision_closes_one() -> None:
    decisions = _decisions("a", "b", "c")
    assert [decisions.state(k) for k in "abc"] == [UNRESOLVED] * 3
    assert decisions.unresolved() == ["a", "b", "c"]
    decisions.resolve(["a"], REDACT)
    decisions.resolve(["c"], ALLOW)
    assert (decisions.state("a"), decisions.state("b"), decisions.state("c")) == (
        REDACT,
        UNRESOLVED,
        ALLOW,
    )
    assert decisions.redacted() == {"a"}
    assert decisions.allowed() == {"c"}
    assert decisions.unresolved() == ["b"]
    assert decisions.total == 3


def test_a_decision_can_change_and_be_taken_back() -> None:
    decisions = _decisions("a")
    decisions.resolve(["a"], REDACT)
    decisions.resolve(["a"], ALLOW)
    assert (decisions.redacted(), decisions.allowed()) == (set(), {"a"})
    decisions.resolve(["a"], UNRESOLVED)
    assert decisions.unresolved() == ["a"]
    assert (decisions.redacted(), decisions.allowed()) == (set(), set())


def test_a_new_check_keeps_decisions_on_flags_still_raised_and_drops_the_rest() -> None:
    decisions = _decisions("a", "b")
    decisions.resolve(["a", "b"], REDACT)
    decisions.track(["b", "c"])  # the message changed: a is gone, c is new
    assert decisions.redacted() == {"b"}
    assert decisions.unresolved() == ["c"]
    assert decisions.state("a") is UNRESOLVED
    decisions.clear()
    assert (decisions.total, decisions.redacted(), decisions.unresolved()) == (0, set(), [])


def test_next_unresolved_goes_on_in_reading_order_wraps_round_and_ends() -> None:
    decisions = _decisions("a", "b", "c", "d")
    decisions.resolve(["b"], ALLOW)
    assert decisions.next_unresolved("a") == "c"  # b is decided: skipped
    assert decisions.next_unresolved("c") == "d"
    assert decisions.next_unresolved("d") == "a"  # wraps to the first still open
    assert decisions.next_unresolved("gone") == "a"  # a flag no longer listed: from the top
    decisions.resolve(["a", "c", "d"], REDACT)
    assert decisions.next_unresolved("d") is None  # all decided


def test_next_unresolved_follows_the_order_tracked_not_the_order_decided() -> None:
    decisions = _decisions("z", "y", "x")
    assert decisions.next_unresolved("z") == "y"
    decisions.resolve(["y"], REDACT)
    assert decisions.next_unresolved("z") == "x"


def test_why_not_ready_names_the_first_thing_in_the_way() -> None:
    decisions = _decisions("a", "b")
    assert _ready(decisions, writing=True, preparing=True) == "Writing the bundle…"
    assert _ready(decisions, preparing=True, drafted=False) == "Checking what would leave…"
    assert "problem above" in _ready(decisions, drafted=False, recipient_chosen=False)
    assert _ready(decisions, recipient_chosen=False) == "Choose a recipient to write the bundle."
    assert _ready(decisions) == "Resolve 2 more possible identifiers to write the bundle."
    decisions.resolve(["a"], REDACT)
    assert _ready(decisions) == "Resolve 1 more possible identifier to write the bundle."
    decisions.resolve(["b"], ALLOW)
    assert _ready(decisions) == ""


def test_nothing_to_decide_is_ready_at_once() -> None:
    assert _ready(_decisions()) == ""


def test_states_read_as_the_flag_list_shows_them() -> None:
    assert [s.value for s in FlagState] == ["Unresolved", "Redact", "Not an identifier"]
