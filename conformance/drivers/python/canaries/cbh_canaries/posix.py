"""Broken subclasses of cinder.backup.drivers.posix.PosixBackupDriver (cinder 21.3.1)."""
import hashlib

from cinder.backup.drivers import posix


class _Base(posix.PosixBackupDriver):
    BREAKS = None
    BUG = None


def _never_refreshed(backup):
    """The bug of the two cancellation canaries: the backup's refresh() does nothing."""
    backup.refresh = lambda: None
    return backup


class LosesLastPartialShaBlock(_Base):
    BUG = 'hashes only whole sha blocks: a change in the last, partial block is not seen by an incremental'
    BREAKS = 'incremental.chain-restores-every-point'

    def _calculate_sha(self, data):
        whole = len(data) - len(data) % self.sha_block_size_bytes
        shas = super()._calculate_sha(data[:whole])
        if whole < len(data):
            shas.append(hashlib.sha256(b'tail').hexdigest())
        return shas


class ClobbersTailOfLargerTarget(_Base):
    BUG = 'restore zero-fills the target past the end of the backup'
    BREAKS = 'restore.larger-target-keeps-tail'

    def restore(self, backup, volume_id, volume_file):
        super().restore(backup, volume_id, volume_file)
        restored_end = volume_file.tell()
        device_end = volume_file.seek(0, 2)
        volume_file.seek(restored_end)
        volume_file.write(b'\0' * (device_end - restored_end))


class NeverHonoursCancellation(_Base):
    BUG = 'never refreshes the backup between chunks: a force delete cannot cancel it'
    BREAKS = 'cancel.backup-force-delete-leaves-no-partial-backup'

    def backup(self, backup, volume_file, backup_metadata=True):
        return super().backup(_never_refreshed(backup), volume_file, backup_metadata)


class IgnoresRestoreCancel(_Base):
    BUG = 'never refreshes the backup during a restore: reset-status cannot cancel it'
    BREAKS = 'cancel.restore-reset-status-cancels'

    def restore(self, backup, volume_id, volume_file):
        return super().restore(_never_refreshed(backup), volume_id, volume_file)


class LeavesObjectOnDelete(_Base):
    BUG = 'delete_backup leaves the _sha256file object behind'
    BREAKS = 'delete.every-backup-leaves-no-object'

    def delete_object(self, container, object_name):
        if not object_name.endswith('_sha256file'):
            super().delete_object(container, object_name)


class MixesConcurrentBackups(_Base):
    BUG = 'class-level container and name prefix: two concurrent backups write into the same objects'
    BREAKS = 'concurrency.parallel-backups-never-mix-data'
    _shared = {}

    def update_container_name(self, backup, container):
        return self._shared.setdefault(
            'container', super().update_container_name(backup, container))

    def _generate_object_name_prefix(self, backup):
        if 'prefix' not in self._shared:
            self._shared['prefix'] = super()._generate_object_name_prefix(backup)
            self._shared['users'] = 0
        return self._shared['prefix']

    def backup(self, backup, volume_file, backup_metadata=True):
        self._shared['users'] = self._shared.get('users', 0) + 1
        try:
            return super().backup(backup, volume_file, backup_metadata)
        finally:
            self._shared['users'] -= 1
            if self._shared['users'] == 0:
                self._shared.clear()


class RecordsWrongCompression(_Base):
    BUG = "records 'none' as an object's compression although it stored compressed bytes"
    BREAKS = 'round-trip.compressible'

    def _prepare_output_data(self, data):
        _algorithm, out = super()._prepare_output_data(data)
        return 'none', out


class WrongMd5(_Base):
    BUG = "records the md5 of the stored (compressed) bytes instead of the volume data's"
    BREAKS = 'format.metadata-md5-matches-data'

    def _prepare_output_data(self, data):
        algorithm, out = super()._prepare_output_data(data)
        self._last_stored = out
        return algorithm, out

    def _backup_chunk(self, backup, container, data, data_offset, object_meta, extra_metadata):
        super()._backup_chunk(backup, container, data, data_offset, object_meta, extra_metadata)
        (name, obj), = object_meta['list'][-1].items()
        obj['md5'] = hashlib.md5(self._last_stored).hexdigest()


class IgnoresParent(_Base):
    BUG = 'always stores a full backup, even when asked for an incremental'
    BREAKS = 'incremental.stores-only-changed-blocks'

    def backup(self, backup, volume_file, backup_metadata=True):
        parent_id = backup.parent_id
        backup.parent_id = None
        try:
            return super().backup(backup, volume_file, backup_metadata)
        finally:
            backup.parent_id = parent_id


class SwallowsRestoreErrors(_Base):
    BUG = 'restore catches every error and returns: a missing object restores as success'
    BREAKS = 'restore.missing-object-fails'

    def restore(self, backup, volume_id, volume_file):
        try:
            super().restore(backup, volume_id, volume_file)
        except Exception:  # noqa: BLE001 - the bug
            pass


class DropsVolumeMetadata(_Base):
    BUG = "never saves the volume's metadata with the backup"
    BREAKS = 'metadata.volume-metadata-round-trips'

    def get_metadata(self, volume_id):
        return None


class SkipsFsync(_Base):
    BUG = 'restores through a file object without fileno(): success before the data is durable'
    BREAKS = 'round-trip.restore-is-durable'

    class _NoFileno:
        def __init__(self, f):
            self._f = f

        def fileno(self):
            raise IOError('no fileno')

        def flush(self):
            pass  # the bug: nothing reaches the device

        def __getattr__(self, name):
            return getattr(self._f, name)

    def restore(self, backup, volume_id, volume_file):
        return super().restore(backup, volume_id, self._NoFileno(volume_file))


ALL = [LosesLastPartialShaBlock, ClobbersTailOfLargerTarget, NeverHonoursCancellation,
       IgnoresRestoreCancel, LeavesObjectOnDelete, MixesConcurrentBackups,
       RecordsWrongCompression, WrongMd5, IgnoresParent, SwallowsRestoreErrors,
       DropsVolumeMetadata, SkipsFsync]


class _SwallowingFile:
    """An object file whose failed writes (ENOSPC, EIO: at write or at the flush on close) are ignored."""

    def __init__(self, f):
        self._f = f

    def write(self, data):
        try:
            return self._f.write(data)
        except OSError:  # the bug
            return len(data)

    def close(self):
        try:
            self._f.close()
        except OSError:  # the bug
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class SwallowsFailedWrites(_Base):
    BUG = 'an object write the file system fails (ENOSPC, EIO) is ignored: the backup ends available with objects short or missing'
    BREAKS = 'faults.delete-after-failed-backup-leaves-nothing'

    def get_object_writer(self, container, object_name, extra_metadata=None):
        return _SwallowingFile(super().get_object_writer(container, object_name, extra_metadata))
