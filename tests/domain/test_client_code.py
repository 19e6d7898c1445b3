"""Random client codes: shape, alphabet and randomness."""

from __future__ import annotations

import pytest

from reflectjournal.domain.client_code import is_generated_code, new_client_code

ALPHABET = set("ACDEFGHJKMNPQRTUVWXY3479")
LOOK_ALIKES = set("0O1IL2Z5S6B8")


def test_new_code_has_the_documented_shape() -> None:
    code = new_client_code()
    assert len(code) == 7
    assert code[3] == "-"
    assert is_generated_code(code)


def test_codes_use_only_unambiguous_characters() -> None:
    used = set("".join(new_client_code() for _ in range(2000)).replace("-", ""))
    assert used == ALPHABET
    assert not used & LOOK_ALIKES


def test_codes_are_random() -> None:
    codes = {new_client_code() for _ in range(300)}
    assert len(codes) >= 299


@pytest.mark.parametrize("text", ["K7M-RX3", "AAA-AAA", "343-979"])
def test_generated_shape_is_recognised(text: str) -> None:
    assert is_generated_code(text)


@pytest.mark.parametrize(
    "text",
    [
        "", "k7m-rx3", "K7MRX3", "K7M RX3", "K7M-RX", "K7M-RX3X", " K7M-RX3",
        "K7M-RX3 ", "K7M-RX3\n", "K0M-RX3", "KIM-RX3", "JD-2019", "K7M_RX3",
    ],
)
def test_other_text_is_not_taken_for_a_generated_code(text: str) -> None:
    assert not is_generated_code(text)
