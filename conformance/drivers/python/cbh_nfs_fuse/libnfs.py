"""ctypes bindings for the synchronous libnfs 4.0 API (libnfs13) the FUSE file system needs."""
import ctypes
import ctypes.util
import errno

_lib = ctypes.CDLL(ctypes.util.find_library('nfs') or 'libnfs.so.13', use_errno=True)
_vp, _cp, _int, _u64 = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint64


class Stat64(ctypes.Structure):
    """struct nfs_stat_64 (libnfs.h)."""
    _fields_ = [(name, _u64) for name in (
        'dev', 'ino', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'size', 'blksize', 'blocks',
        'atime', 'mtime', 'ctime', 'atime_nsec', 'mtime_nsec', 'ctime_nsec', 'used')]


class Dirent(ctypes.Structure):
    """The head of struct nfsdirent: next, name, inode (the fields read here)."""


Dirent._fields_ = [('next', ctypes.POINTER(Dirent)), ('name', _cp), ('inode', _u64)]


class Url(ctypes.Structure):
    """struct nfs_url: server, path, file."""
    _fields_ = [('server', _cp), ('path', _cp), ('file', _cp)]


class Timeval(ctypes.Structure):
    _fields_ = [('tv_sec', ctypes.c_long), ('tv_usec', ctypes.c_long)]


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype, f.argtypes = restype, list(argtypes)
    return f


init_context = _fn('nfs_init_context', _vp)
get_error = _fn('nfs_get_error', _cp, _vp)
parse_url_dir = _fn('nfs_parse_url_dir', ctypes.POINTER(Url), _vp, _cp)
mount = _fn('nfs_mount', _int, _vp, _cp, _cp)
stat64 = _fn('nfs_stat64', _int, _vp, _cp, ctypes.POINTER(Stat64))
opendir = _fn('nfs_opendir', _int, _vp, _cp, ctypes.POINTER(_vp))
readdir = _fn('nfs_readdir', ctypes.POINTER(Dirent), _vp, _vp)
closedir = _fn('nfs_closedir', None, _vp, _vp)
open_ = _fn('nfs_open', _int, _vp, _cp, _int, ctypes.POINTER(_vp))
create = _fn('nfs_create', _int, _vp, _cp, _int, _int, ctypes.POINTER(_vp))
close = _fn('nfs_close', _int, _vp, _vp)
pread = _fn('nfs_pread', _int, _vp, _vp, _u64, _u64, _vp)    # (nfs, fh, offset, count, buf) in 4.0
pwrite = _fn('nfs_pwrite', _int, _vp, _vp, _u64, _u64, _vp)  # (nfs, fh, offset, count, buf) in 4.0
fsync = _fn('nfs_fsync', _int, _vp, _vp)
truncate = _fn('nfs_truncate', _int, _vp, _cp, _u64)
ftruncate = _fn('nfs_ftruncate', _int, _vp, _vp, _u64)
mkdir = _fn('nfs_mkdir2', _int, _vp, _cp, _int)
rmdir = _fn('nfs_rmdir', _int, _vp, _cp)
unlink = _fn('nfs_unlink', _int, _vp, _cp)
rename = _fn('nfs_rename', _int, _vp, _cp, _cp)
chmod = _fn('nfs_chmod', _int, _vp, _cp, _int)
chown = _fn('nfs_chown', _int, _vp, _cp, _int, _int)
utimes = _fn('nfs_utimes', _int, _vp, _cp, ctypes.POINTER(Timeval))
get_writemax = _fn('nfs_get_writemax', _u64, _vp)
get_readmax = _fn('nfs_get_readmax', _u64, _vp)


def errno_of(ret):
    """libnfs returns -errno on failure; anything unknown is EIO."""
    return -ret if -ret in errno.errorcode else errno.EIO
