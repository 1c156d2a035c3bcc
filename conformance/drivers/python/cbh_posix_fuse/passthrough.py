"""Each FUSE operation is the same call on SOURCE/path; writes and reads first ask the fault plan.

Files and directories it creates belong to SOURCE's owner (the harness's user on the host), not to
the container's root that serves the mount. An OSError carries its errno back through fusepy."""
import os

from fusepy import FuseOSError, Operations

from cbh_nfs_fuse.fault_plan import FaultPlan

STAT_KEYS = ('st_mode', 'st_nlink', 'st_uid', 'st_gid', 'st_size', 'st_atime', 'st_mtime',
             'st_ctime', 'st_ino', 'st_blocks')
STATVFS_KEYS = ('f_bsize', 'f_frsize', 'f_blocks', 'f_bfree', 'f_bavail', 'f_files', 'f_ffree',
                'f_favail', 'f_flag', 'f_namemax')


class PassthroughFileSystem(Operations):

    def __init__(self, source, fault_file=None):
        self.source = os.path.realpath(source)
        st = os.stat(self.source)
        self.owner = (st.st_uid, st.st_gid)
        self.faults = FaultPlan(fault_file) if fault_file else None

    def _full(self, path):
        return os.path.join(self.source, path.lstrip('/'))

    def _inject(self, op, path):
        fault = self.faults.check(op, path) if self.faults else 0
        if fault:
            raise FuseOSError(fault)

    def _own(self, full):
        os.lchown(full, *self.owner)

    def access(self, path, amode):
        if not os.access(self._full(path), amode):
            raise FuseOSError(13)  # EACCES

    def getattr(self, path, fh=None):
        st = os.lstat(self._full(path))
        return {k: getattr(st, k) for k in STAT_KEYS}

    def readdir(self, path, fh):
        return ['.', '..'] + os.listdir(self._full(path))

    def readlink(self, path):
        return os.readlink(self._full(path))

    def mkdir(self, path, mode):
        os.mkdir(self._full(path), mode)
        self._own(self._full(path))

    def rmdir(self, path):
        os.rmdir(self._full(path))

    def unlink(self, path):
        os.unlink(self._full(path))

    def rename(self, old, new):
        os.rename(self._full(old), self._full(new))

    def chmod(self, path, mode):
        os.chmod(self._full(path), mode)

    def chown(self, path, uid, gid):
        os.lchown(self._full(path), uid, gid)

    def utimens(self, path, times=None):
        os.utime(self._full(path), times)

    def create(self, path, mode, fi=None):
        fd = os.open(self._full(path), os.O_RDWR | os.O_CREAT | os.O_TRUNC, mode)
        os.fchown(fd, *self.owner)
        return fd

    def open(self, path, flags):
        return os.open(self._full(path), flags)

    def read(self, path, size, offset, fh):
        self._inject('read', path)
        return os.pread(fh, size, offset)

    def write(self, path, data, offset, fh):
        self._inject('write', path)
        return os.pwrite(fh, data, offset)

    def truncate(self, path, length, fh=None):
        if fh is not None:
            os.ftruncate(fh, length)
        else:
            os.truncate(self._full(path), length)

    def flush(self, path, fh):
        return 0

    def fsync(self, path, datasync, fh):
        (os.fdatasync if datasync else os.fsync)(fh)

    def release(self, path, fh):
        os.close(fh)

    def statfs(self, path):
        sv = os.statvfs(self._full(path))
        return {k: getattr(sv, k) for k in STATVFS_KEYS}
