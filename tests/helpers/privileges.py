"""Running a command without root's bypass of file modes, for tests that need modes to count."""

from __future__ import annotations

import os
import shutil

import pytest

_DROP_CAPS = ("--inh-caps=-dac_override,-dac_read_search",
              "--bounding-set=-dac_override,-dac_read_search")


def unprivileged() -> tuple[str, ...]:
    """Return the wrapper that runs a command without root's bypass of file modes.

    Root is not refused by modes; without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    (dropped by setpriv) it is, as an ordinary user is. An ordinary user needs no wrapper.
    """
    if os.name != "posix":
        pytest.skip("file modes as tested here are POSIX")
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv, so modes cannot be enforced")
    return (setpriv, *_DROP_CAPS)
