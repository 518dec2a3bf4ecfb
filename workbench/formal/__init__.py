"""formal."""
