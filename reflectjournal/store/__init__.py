"""Storage: the encrypted database, the key envelope and the journal folder. No Qt."""
