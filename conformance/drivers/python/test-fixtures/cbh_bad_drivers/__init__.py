"""Driver classes that misbehave, for the shim's bad-input tests."""
