"""Opening any bundle stays within the memory budget, whatever the file claims (issue 18).

Each case runs in a fresh subprocess that opens a real journal and receives one bundle; the
subprocess reports its own peak resident size, which must stay under
sealed_bundle.OPEN_MEMORY_BUDGET: resource.getrusage's ru_maxrss, except on Linux, where that
keeps the pytest parent's peak across exec, so there the process's own high-water mark
(VmHWM). A hostile work factor once took 2.2 GiB, and 32 MiB of nested empty lists would
have taken 844 MiB to parse.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reflectjournal.domain import bundle as fmt
from reflectjournal.services.journal import Journal
from reflectjournal.store import age_passphrase
from reflectjournal.store import sealed_bundle as sealed
from tests.helpers.journals import FAST, PASSPHRASE

WORDS = "maple orbit candle velvet harbor sprout"
_OPEN = """
import json, resource, sys
from pathlib import Path
from reflectjournal.domain.errors import JournalError
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE
with Journal.open(Path(sys.argv[1]), PASSPHRASE, FAST) as journal:
    try:
        journal.sharing.receive_file(Path(sys.argv[2]), sys.argv[3])
        said = "filed"
    except JournalError as exc:
        said = exc.message
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
status = Path("/proc/self/status")
if status.exists():  # Linux: ru_maxrss carries the parent's peak over exec; VmHWM does not
    [line] = [x for x in status.read_text().splitlines() if x.startswith("VmHWM:")]
    peak = int(line.split()[1]) * 1024
print(json.dumps({"said": said, "peak": peak}))
"""


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Journal]]:
    tmp = tmp_path_factory.mktemp("memory")
    journal, _ = Journal.create(tmp / "clinician", PASSPHRASE, FAST)
    journal.sharing.my_card("Sam Rivera")
    journal.close()
    stranger, _ = Journal.create(tmp / "stranger", PASSPHRASE, FAST)
    stranger.sharing.my_card("Ada Obi")
    with stranger:
        yield tmp, stranger


def _open(tmp: Path, bundle: bytes) -> tuple[str, int]:
    path = tmp / f"{uuid.uuid4().hex}.rjb"
    path.write_bytes(bundle)
    done = subprocess.run([sys.executable, "-c", _OPEN, str(tmp / "clinician"), str(path),
                           WORDS], capture_output=True, text=True, check=True, timeout=300,
                          cwd=Path(__file__).parents[2])
    path.unlink()
    got = json.loads(done.stdout)
    return str(got["said"]), int(got["peak"])


def _reply(stranger: Journal, payload: bytes) -> bytes:
    """Return a passphrase-mode reply carrying payload, signed as a real sender would."""
    ident, _, _ = stranger.sharing._identity()
    manifest = fmt.manifest_bytes(fmt.Manifest(
        str(uuid.uuid4()), "comments", dt.datetime.now(dt.UTC), stranger.sharing.my_card(),
        (fmt.PASSPHRASE_RECIPIENT,), fmt.payload_hash(payload)))
    return sealed.seal_with_passphrase(fmt.pack(manifest, ident.sign(manifest), payload), WORDS)


def _largest_payload() -> bytes:
    """Return a reply payload as large as a bundle may be, one emoji making every text wide."""
    room = fmt.MAX_BUNDLE_BYTES - 64 * 1024
    text = "\N{GRINNING FACE}" + "a" * (fmt.MAX_COMMENT_CHARS - 1)
    one = {"answers": str(uuid.uuid4()), "entry_id": None, "text": text,
           "written_at": "2026-11-20T10:00:00+00:00"}
    count = min(fmt.MAX_COMMENTS, room // (len(json.dumps(one, ensure_ascii=False)) + 1) - 1)
    return json.dumps({"comments": [one] * count, "sessions": []}, ensure_ascii=False,
                      separators=(",", ":")).encode()


def test_the_largest_bundle_the_parser_accepts_opens_within_the_budget(
    setup: tuple[Path, Journal],
) -> None:
    tmp, stranger = setup
    bundle = _reply(stranger, _largest_payload())
    assert fmt.MAX_BUNDLE_BYTES - 128 * 1024 < len(bundle) <= fmt.MAX_BUNDLE_BYTES
    assert sealed.read_header(bundle).scrypt_log_n == sealed.MAX_SCRYPT_LOG_N  # the most work
    said, peak = _open(tmp, bundle)
    assert "did not send" in said  # parsed in full, then refused: it answers no bundle of ours
    assert peak < sealed.OPEN_MEMORY_BUDGET, f"peak {peak / 2**20:.0f} MiB"


def test_a_bundle_of_millions_of_tiny_values_is_refused_within_the_budget(
    setup: tuple[Path, Journal],
) -> None:
    tmp, stranger = setup
    bomb = b'{"comments":[],"sessions":[],"x":[' + b"[]," * 5_000_000 + b"[]]}"
    said, peak = _open(tmp, _reply(stranger, bomb))
    assert "holds more items in its comments than any ReflectJournal bundle can" in said
    assert peak < sealed.OPEN_MEMORY_BUDGET, f"peak {peak / 2**20:.0f} MiB"


def test_a_work_factor_above_the_budget_is_refused_before_deriving(
    setup: tuple[Path, Journal],
) -> None:
    tmp, stranger = setup
    honest = _reply(stranger, b'{"comments":[],"sessions":[]}')
    greedy = honest.replace(f" {sealed.MAX_SCRYPT_LOG_N}\n".encode(), b" 22\n", 1)
    assert sealed.read_header(greedy).scrypt_log_n == 22
    said, peak = _open(tmp, greedy)
    assert "asks for 4,096 MiB of memory" in said
    assert peak < age_passphrase.scrypt_memory_bytes(sealed.MAX_SCRYPT_LOG_N)  # never derived
