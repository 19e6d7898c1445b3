"""The Progress screen: hours toward Endorsement, charts, the checklist and competency coverage."""
