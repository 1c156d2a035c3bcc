"""Deliberately broken backup drivers: each a small subclass of cinder's real
PosixBackupDriver with one realistic bug, loaded through ``--driver python:`` like any user's
class. ``BREAKS`` names the conformance rule that must catch it."""
