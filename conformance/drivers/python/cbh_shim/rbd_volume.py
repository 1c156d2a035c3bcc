"""A volume as an RBD image, handed to the driver the way cinder's RBD volume driver hands it to
the backup manager: os-brick's ``linuxrbd.RBDVolumeIOWrapper`` over an open ``rbd.Image``
(volume/drivers/rbd.py ``get_backup_device`` + os-brick's RBD connector, ``do_local_attach``
False), so CephBackupDriver takes its RBD paths (``_file_is_rbd``: ``_backup_rbd``'s
``export-diff | import-diff``, ``_diff_restore_rbd``).

The harness's volume is a sparse file of ``size_bytes``; the image ``volume-<id>`` in the
rule's pool/namespace is that volume and outlives the call, as a volume does, so its backup
snapshots stay for the next incremental. The image is the volume's size in whole GiB (the
volume row's ``size``: the Ceph driver copies and discards ``volume.size * units.Gi`` bytes),
its bytes past ``size_bytes`` zero. Before each call the image is brought to the file's bytes;
after a restore the file gets the image's first ``size_bytes`` back, and the rest must still
be zero."""
import contextlib
import os

from eventlet import tpool
from oslo_utils import units

STEP = 1024 * 1024
BLOCK = 4096


def _connect(spec):
    import rados
    client = rados.Rados(rados_id=spec['user'], conffile=spec['conf'])
    client.connect()
    ioctx = client.open_ioctx(spec['pool'])
    if spec.get('namespace'):
        ioctx.set_namespace(spec['namespace'])
    return client, ioctx


def _data_ranges(fd, size):
    """(offset, length) of the file's data (SEEK_DATA/SEEK_HOLE): holes read as zeros."""
    out, off = [], 0
    while off < size:
        try:
            start = os.lseek(fd, off, os.SEEK_DATA)
        except OSError:
            break
        end = os.lseek(fd, start, os.SEEK_HOLE)
        out.append((start, min(end, size) - start))
        off = end
    return out


def _extents(image, start, length):
    out = []
    if length > 0:
        image.diff_iterate(start, length, None, lambda o, n, e: out.append((o, n)) if e else None)
    return out


def _steps(ranges, limit):
    """Every STEP-aligned window covering ``ranges``, below ``limit``, once."""
    seen = set()
    for off, n in ranges:
        for w in range(off - off % STEP, min(off + n, limit), STEP):
            if w not in seen:
                seen.add(w)
                yield w, min(STEP, limit - w)


def _file_to_image(f, image, size):
    """Writes the 4 KiB blocks that differ, as a guest writing its disk would: an incremental's
    export-diff then carries those blocks, not whole windows."""
    fd = f.fileno()
    windows = _data_ranges(fd, size) + _extents(image, 0, size)
    for off, n in sorted(_steps(windows, size)):
        want, have = os.pread(fd, n, off).ljust(n, b'\0'), image.read(off, n)
        for b in range(0, n, BLOCK) if want != have else ():
            if want[b:b + BLOCK] != have[b:b + BLOCK]:
                image.write(want[b:b + BLOCK], off + b)


def _image_to_file(image, f, size):
    """The image's first ``size`` bytes back into the file; past them the volume must be zero."""
    fd = f.fileno()
    windows = _data_ranges(fd, size) + _extents(image, 0, size)
    for off, n in sorted(_steps(windows, size)):
        got = image.read(off, n)
        if os.pread(fd, n, off).ljust(n, b'\0') != got:
            os.pwrite(fd, got, off)
    for off, n in _steps(_extents(image, size, image.size() - size), image.size()):
        start = max(off, size)
        if image.read(start, off + n - start).strip(b'\0'):
            raise IOError('the restore wrote past the %d bytes of the volume (at or after offset %d)' % (size, start))
    os.fsync(fd)


def gib_bytes(size):
    """The volume row's size (whole GiB, as the shim's volume_get gives it) in bytes."""
    return max(1, -(-size // units.Gi)) * units.Gi


@contextlib.contextmanager
def attached(spec, volume_id, path, size, restore=False):
    """The RBDVolumeIOWrapper of ``volume-<volume_id>`` holding the file's bytes; after a
    restore (also a failed one) the file gets the image's bytes."""
    import rbd
    from os_brick.initiator import linuxrbd
    client, ioctx = tpool.execute(_connect, spec)
    name = 'volume-%s' % volume_id   # CONF.volume_name_template
    try:
        if name not in rbd.RBD().list(ioctx):
            # RBDDriver.create_volume: format 2, layering (the pool's defaults otherwise)
            rbd.RBD().create(ioctx, name, gib_bytes(size), old_format=False, features=rbd.RBD_FEATURE_LAYERING)
        with rbd.Image(ioctx, name) as image, open(path, 'rb') as f:
            if image.size() != gib_bytes(size):
                image.resize(gib_bytes(size))
            tpool.execute(_file_to_image, f, image, size)
        image = rbd.Image(ioctx, name)
        pool = spec['pool'] + ('/' + spec['namespace'] if spec.get('namespace') else '')
        wrapper = linuxrbd.RBDVolumeIOWrapper(linuxrbd.RBDImageMetadata(image, pool, spec['user'], spec['conf']))
        try:
            yield wrapper
        finally:
            wrapper.close()   # closes the image (and flushes librbd's cache)
            if restore:
                with rbd.Image(ioctx, name) as image, open(path, 'r+b') as f:
                    tpool.execute(_image_to_file, image, f, size)
    finally:
        ioctx.close()
        client.shutdown()
