"""Progress toward Endorsement: the applicant's profile, RSC providers, the rules and the ledger.

Spec: ../shared/endorsement.md sections 2.3-2.9. Everything here is pure: no storage, no Qt.
"""
