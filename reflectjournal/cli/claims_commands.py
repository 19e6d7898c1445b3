"""Commands for held session confirmations (`claims`) and paper-signed sessions."""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
from pathlib import Path

from reflectjournal.cli.common import open_journal, say, write_output
from reflectjournal.domain.endorsement.claims import ClaimState, SessionClaim
from reflectjournal.services.journal import JournalOptions


def _claim_json(c: SessionClaim) -> dict[str, object]:
    return {"id": c.id, "kind": c.label, "state": c.state.value, "date": c.date.isoformat(),
            "minutes": c.minutes, "format": c.format, "signer": c.signer.name,
            "signer_key_fingerprint": c.signer.fingerprint, "reasons": list(c.reasons),
            "received_at": c.received_at.isoformat(), "entry_id": c.entry_id}


def cmd_claims(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List, accept or reject claims."""
    action = args.action or "list"
    with open_journal(args, folder, options) as journal:
        if action == "accept":
            claim = journal.claims.find(args.id)
            entry = journal.claims.accept(claim.id)
            how = entry.fields.get("confirmation", "hand-logged")
            words = ("confirmed by their verified signature" if how == "signed"
                     else "logged by you (hand-logged), not confirmed")
            say(f"Accepted: {entry.id[:8]}  {entry.date}  {entry.duration_minutes} min with "
                f"{claim.signer.name}, {words}.")
            return 0
        if action == "reject":
            claim = journal.claims.reject(args.id)
            say(f"Rejected the claim {claim.id[:8]}; it stays on record and counts for nothing.")
            return 0
        shown = journal.claims.all(None if getattr(args, "all", False) else ClaimState.PENDING)
    if getattr(args, "format", "text") == "json":
        print(json.dumps([_claim_json(c) for c in shown], indent=2))
        return 0
    for c in shown:
        print(f"{c.id[:8]}  {c.date}  {c.minutes:>5} min  {c.format:<10}  from {c.signer.name} "
              f"(key {c.signer.fingerprint})  {c.label}, {c.state.value}")
        for reason in c.reasons:
            print(f"    held: {reason}")
    if not shown:
        say("No claims are waiting for you.")
    else:
        say("None of these count. Accept one knowingly with: reflectjournal claims accept ID "
            "(an unverified claim becomes a session logged by you), or reject it.")
    return 0


def cmd_mark_printed_signature(args: argparse.Namespace, folder: Path,
                               options: JournalOptions) -> int:
    """Mark a supervision session as confirmed by a signed printed log."""
    with open_journal(args, folder, options) as journal:
        entry = journal.confirmations.mark_printed_signature(args.id)
    say(f"{entry.id[:8]} ({entry.date}) now reads: confirmed (printed signature). Keep the "
        "signed paper log with your records.")
    return 0


def cmd_signed_statements(args: argparse.Namespace, folder: Path,
                          options: JournalOptions) -> int:
    """Print the received signed confirmations with the keys that check them (docs/sharing.md)."""
    with open_journal(args, folder, options) as journal:
        found = journal.claims.signed_statements()
    text = json.dumps([{
        "session_id": sid, "signer": name, "signer_key_hex": key.hex(),
        "signer_key_fingerprint": hashlib.sha256(key).hexdigest()[:12],
        "statement": statement.decode("utf-8"),
        "signature_base64": base64.b64encode(signature).decode("ascii"),
    } for sid, key, name, statement, signature in found], indent=2, ensure_ascii=False)
    write_output(args.output, (text + "\n").encode("utf-8"))
    return 0
