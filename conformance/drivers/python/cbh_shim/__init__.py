"""cbh_shim: runs a cinder backup driver class behind the harness's driver protocol
(docs/driver-protocol.md, version 1): newline-delimited JSON-RPC 2.0 on stdio.

Run it as cinder-backup runs a driver: ``python3 -m cbh_shim CLASS_PATH`` monkey-patches
eventlet first (cinder/cmd/backup.py), imports the class with ``importutils.import_class``
(the ``backup_driver`` option), and serves every request in its own green thread with a new
driver instance (backup/manager.py). Only cinder's database and context layer is replaced.
"""
PROTOCOL_VERSION = 1
