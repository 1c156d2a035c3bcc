"""The FUSE file system: each FUSE operation is one synchronous libnfs call on one context."""
import ctypes
import errno
import os
import stat
import time

from fusepy import FuseOSError, Operations

from cbh_nfs_fuse import fault_plan, libnfs


class MountFailed(Exception):
    """The server could not be reached or refused the export (mount.nfs exits 32)."""


def _ok(ret):
    if ret < 0:
        raise FuseOSError(libnfs.errno_of(ret))
    return ret


class NfsFileSystem(Operations):
    """Paths as FUSE gives them (``/a/b``) are paths under the mounted export."""

    def __init__(self, url, fault_file=None):
        self.ctx = libnfs.init_context()
        if not self.ctx:
            raise MountFailed('libnfs: nfs_init_context failed')
        parsed = libnfs.parse_url_dir(self.ctx, url.encode())
        if not parsed:
            raise MountFailed('bad NFS URL %s: %s' % (url, self._error()))
        if libnfs.mount(self.ctx, parsed.contents.server, parsed.contents.path) < 0:
            raise MountFailed('mount of %s failed: %s' % (url, self._error()))
        self.handles = {}
        self.next_handle = 0
        self.writemax = int(libnfs.get_writemax(self.ctx)) or 65536
        self.readmax = int(libnfs.get_readmax(self.ctx)) or 65536
        self.faults = fault_plan.FaultPlan(fault_file) if fault_file else None

    def _inject(self, op, path):
        fault = self.faults.check(op, path) if self.faults else 0
        if fault:
            raise FuseOSError(fault)

    def _error(self):
        return (libnfs.get_error(self.ctx) or b'?').decode(errors='replace')

    def _keep(self, handle):
        self.next_handle += 1
        self.handles[self.next_handle] = handle
        return self.next_handle

    def getattr(self, path, fh=None):
        st = libnfs.Stat64()
        _ok(libnfs.stat64(self.ctx, path.encode(), ctypes.byref(st)))
        return {'st_mode': st.mode, 'st_nlink': st.nlink, 'st_uid': st.uid, 'st_gid': st.gid,
                'st_size': st.size, 'st_ino': st.ino, 'st_blocks': (st.used + 511) // 512,
                'st_atime': st.atime + st.atime_nsec / 1e9,
                'st_mtime': st.mtime + st.mtime_nsec / 1e9,
                'st_ctime': st.ctime + st.ctime_nsec / 1e9}

    def readdir(self, path, fh):
        handle = ctypes.c_void_p()
        _ok(libnfs.opendir(self.ctx, path.encode(), ctypes.byref(handle)))
        names = []
        try:
            entry = libnfs.readdir(self.ctx, handle)
            while entry:
                names.append(entry.contents.name.decode(errors='surrogateescape'))
                entry = libnfs.readdir(self.ctx, handle)
        finally:
            libnfs.closedir(self.ctx, handle)
        return names

    def mkdir(self, path, mode):
        _ok(libnfs.mkdir(self.ctx, path.encode(), stat.S_IMODE(mode)))

    def rmdir(self, path):
        _ok(libnfs.rmdir(self.ctx, path.encode()))

    def unlink(self, path):
        _ok(libnfs.unlink(self.ctx, path.encode()))

    def rename(self, old, new):
        _ok(libnfs.rename(self.ctx, old.encode(), new.encode()))

    def chmod(self, path, mode):
        _ok(libnfs.chmod(self.ctx, path.encode(), stat.S_IMODE(mode)))

    def chown(self, path, uid, gid):
        _ok(libnfs.chown(self.ctx, path.encode(), uid, gid))

    def utimens(self, path, times=None):
        atime, mtime = times or (time.time(),) * 2
        tv = (libnfs.Timeval * 2)(*(libnfs.Timeval(int(t), int(t % 1 * 1e6)) for t in (atime, mtime)))
        _ok(libnfs.utimes(self.ctx, path.encode(), tv))

    def create(self, path, mode, fi=None):
        handle = ctypes.c_void_p()
        _ok(libnfs.create(self.ctx, path.encode(), os.O_RDWR | os.O_CREAT | os.O_TRUNC,
                          stat.S_IMODE(mode), ctypes.byref(handle)))
        return self._keep(handle)

    def open(self, path, flags):
        handle = ctypes.c_void_p()
        wanted = flags & (os.O_ACCMODE | os.O_TRUNC | os.O_APPEND | os.O_SYNC)
        _ok(libnfs.open_(self.ctx, path.encode(), wanted, ctypes.byref(handle)))
        return self._keep(handle)

    def read(self, path, size, offset, fh):
        self._inject('read', path)
        out = bytearray()
        while len(out) < size:
            want = min(size - len(out), self.readmax)
            buf = ctypes.create_string_buffer(want)
            n = _ok(libnfs.pread(self.ctx, self.handles[fh], offset + len(out), want, buf))
            out += buf.raw[:n]
            if n < want:
                break
        return bytes(out)

    def write(self, path, data, offset, fh):
        self._inject('write', path)
        done = 0
        while done < len(data):
            piece = data[done:done + self.writemax]
            n = _ok(libnfs.pwrite(self.ctx, self.handles[fh], offset + done, len(piece), piece))
            if n == 0:
                raise FuseOSError(errno.EIO)
            done += n
        return done

    def truncate(self, path, length, fh=None):
        if fh in self.handles:
            _ok(libnfs.ftruncate(self.ctx, self.handles[fh], length))
        else:
            _ok(libnfs.truncate(self.ctx, path.encode(), length))

    def fsync(self, path, datasync, fh):
        _ok(libnfs.fsync(self.ctx, self.handles[fh]))

    def flush(self, path, fh):
        return 0

    def release(self, path, fh):
        handle = self.handles.pop(fh, None)
        if handle is not None:
            _ok(libnfs.close(self.ctx, handle))

    def statfs(self, path):
        # libnfs 4.0 has nfs_statvfs, but FSAL_VFS's numbers are the host disk's; a fixed,
        # roomy answer keeps `df`-style checks from depending on the machine.
        return {'f_bsize': 4096, 'f_frsize': 4096, 'f_blocks': 1 << 26, 'f_bfree': 1 << 25,
                'f_bavail': 1 << 25, 'f_files': 1 << 20, 'f_ffree': 1 << 19, 'f_namemax': 255}
