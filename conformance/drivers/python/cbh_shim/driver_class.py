"""The driver class, loaded as cinder-backup loads ``backup_driver`` (backup/manager.py:
``importutils.import_class``), and what the harness needs to know about it."""
import importlib.util

from oslo_utils import importutils

from cinder.backup import chunkeddriver
from cinder.backup import driver as backup_driver


class NotABackupDriver(Exception):
    pass


def load(class_path):
    """``import_class(backup_driver)``; the class must be a cinder BackupDriver."""
    cls = importutils.import_class(class_path)
    if not (isinstance(cls, type) and issubclass(cls, backup_driver.BackupDriver)):
        raise NotABackupDriver('%s is not a subclass of cinder.backup.driver.BackupDriver '
                               '(it is %r)' % (class_path, cls))
    return cls


def _compressions():
    names = ['none', 'zlib', 'bz2']
    if importlib.util.find_spec('zstd') is not None:
        names.append('zstd')
    return names


def _is_ceph(cls):
    return any(b.__module__ == 'cinder.backup.drivers.ceph' and b.__name__ == 'CephBackupDriver'
               for b in cls.__mro__)


def _geometry(instance, chunked, defaults):
    if chunked:
        return {'object_size': getattr(instance, 'chunk_size_bytes', 0) or 0,
                'block_size': getattr(instance, 'sha_block_size_bytes', 0) or 0}
    # No objects, no sha blocks (ceph.py copies whole volumes, or lets export-diff find changed
    # extents): the rules shape volumes at the suite's geometry, the one the harness sets.
    return {'object_size': int(defaults.get('backup_file_size') or 0),
            'block_size': int(defaults.get('backup_sha_block_size_bytes') or 0)}


def cinder_version():
    """The cinder this process runs (pbr reads the installed package: '21.3.1', '26.0.0')."""
    from cinder import version
    return version.version_info.release_string()


def describe(cls, class_path, instance, defaults, volume_backing='file'):
    chunked = issubclass(cls, chunkeddriver.ChunkedBackupDriver)
    geometry = _geometry(instance, chunked, defaults)
    # ceph.py:backup: an incremental needs an RBD source (_backup_rbd); from a file it raises
    # BackupRBDOperationFailed ("Volume file is NOT RBD: can't perform incremental backup").
    incremental = volume_backing == 'rbd' if _is_ceph(cls) else True
    posix = 'posix' in getattr(cls, '__module__', '') or any(
        b.__module__.endswith('.posix') for b in cls.__mro__)
    return {
        'class_path': class_path,
        'capabilities': {
            'incremental': incremental,
            'force_delete': bool(getattr(instance, 'support_force_delete', False)),
            'restore_cancel': chunked,          # chunkeddriver._restore_v1 refreshes per object
            'compression': _compressions() if chunked else ['none'],
            'export_import': True,
            'sparse_aware': False,
            'encryption': False,
        },
        'geometry': geometry,
        'format': ('chunked-posix' if posix else 'chunked-object') if chunked else None,
        'cinder_version': cinder_version(),
    }
