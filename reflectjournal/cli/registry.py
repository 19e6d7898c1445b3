"""Every command by its name on the command line."""

from __future__ import annotations

from reflectjournal.cli import check_commands as chk
from reflectjournal.cli import claims_commands as k
from reflectjournal.cli import commands as c
from reflectjournal.cli import endorsement_commands as e
from reflectjournal.cli import history_commands as h
from reflectjournal.cli import loop_commands as loop
from reflectjournal.cli import progress_command as p
from reflectjournal.cli import received_commands as r
from reflectjournal.cli import sharing_commands as s
from reflectjournal.cli import template_commands as tpl
from reflectjournal.cli.common import Command

COMMANDS: dict[str, Command] = {
    "init": c.cmd_init, "add": c.cmd_add, "edit": c.cmd_edit, "delete": c.cmd_delete,
    "list": c.cmd_list, "search": c.cmd_search, "show": c.cmd_show, "tags": c.cmd_tags,
    "export": c.cmd_export, "import": c.cmd_import, "passwd": c.cmd_passwd,
    "recover": c.cmd_recover, "check": c.cmd_check, "backup": c.cmd_backup,
    "restore": c.cmd_restore, "new-recovery-key": c.cmd_new_recovery_key,
    "history": h.cmd_history, "restore-version": h.cmd_restore_version, "trash": h.cmd_trash,
    "contact": s.cmd_contact, "watch-list": s.cmd_watch_list, "share": s.cmd_share,
    "receive": s.cmd_receive, "received": r.cmd_received, "comment": s.cmd_comment,
    "confirm-session": s.cmd_confirm_session, "reply": s.cmd_reply,
    "attest-period": s.cmd_attest_period, "attestations": s.cmd_attestations,
    "profile": e.cmd_profile, "provider": e.cmd_provider, "amend": e.cmd_amend,
    "unlink-confirmation": e.cmd_unlink_confirmation,
    "progress": p.cmd_progress, "allow-list": chk.cmd_allow_list,
    "claims": k.cmd_claims, "mark-printed-signature": k.cmd_mark_printed_signature,
    "signed-statements": k.cmd_signed_statements, "template": tpl.cmd_template,
    "bring": loop.cmd_bring, "agenda": loop.cmd_agenda,
}
