"""A driver module that fails to import."""
import cbh_no_such_dependency  # noqa: F401
