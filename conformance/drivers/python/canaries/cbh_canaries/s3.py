"""Broken subclasses of cinder.backup.drivers.s3.S3BackupDriver (cinder 21.3.1), for the faults.* rules."""
from cinder.backup.drivers import s3


class _SwallowingWriter(s3.S3ObjectWriter):
    def close(self):
        try:
            return super().close()
        except Exception:  # noqa: BLE001 - the bug
            return None


class SwallowsFailedWrites(s3.S3BackupDriver):
    BUG = 'an object PUT that fails after its retries is ignored: the backup ends available with objects missing'
    BREAKS = 'faults.delete-after-failed-backup-leaves-nothing'

    def get_object_writer(self, container, object_name, extra_metadata=None):
        return _SwallowingWriter(container, object_name, self.conn)
