"""Classes that load but misbehave."""
import os
import sys
import time

from cinder.backup.drivers import posix


class NotADriver:
    """Not a cinder BackupDriver."""


class ExitsMidBackup(posix.PosixBackupDriver):
    def backup(self, backup, volume_file, backup_metadata=True):
        sys.stderr.write('ExitsMidBackup: giving up on %s\n' % backup.id)
        sys.stderr.flush()
        os._exit(3)


class HangsInBackup(posix.PosixBackupDriver):
    def backup(self, backup, volume_file, backup_metadata=True):
        sys.stderr.write('HangsInBackup: waiting forever\n')
        while True:
            time.sleep(3600)


class PrintsOnStdout(posix.PosixBackupDriver):
    """print() in a driver must not corrupt the protocol (the shim owns stdout)."""

    def backup(self, backup, volume_file, backup_metadata=True):
        print('PrintsOnStdout: hello from the driver')
        return super().backup(backup, volume_file, backup_metadata)
