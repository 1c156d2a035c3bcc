"""``mount.nfs SHARE MOUNTPOINT [-o OPTIONS] [-fnrsvw]``: mounts SHARE over NFSv3 (libnfs) at
MOUNTPOINT through FUSE, then returns once the mount is in /proc/mounts as
``SHARE MOUNTPOINT fuse.nfs`` (libfuse daemonizes the file system process). Exit codes as
mount(8): 1 bad usage, 32 mount failure. ``umount MOUNTPOINT`` ends the process."""
import argparse
import sys

from cbh_nfs_fuse.mount_options import BadMount, parse_options, share_url
from cbh_nfs_fuse.mount_table import already_mounted, mount_lock


def main(argv=None):
    ap = argparse.ArgumentParser(prog='mount.nfs', add_help=True)
    ap.add_argument('share')
    ap.add_argument('mountpoint')
    ap.add_argument('-o', dest='options', default='')
    for flag in ('-f', '-n', '-r', '-s', '-v', '-w'):
        ap.add_argument(flag, action='store_true')
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 1 if e.code else 0
    try:
        options = parse_options(args.options)
        url = share_url(args.share, options)
    except BadMount as e:
        print(str(e), file=sys.stderr)
        return e.status
    if args.r:
        print('mount.nfs: read-only mounts are not supported by this client', file=sys.stderr)
        return 32
    # Imported late: the option checks above need neither libnfs nor libfuse.
    from fusepy import FUSE
    from cbh_nfs_fuse.nfs_fs import MountFailed, NfsFileSystem
    try:
        fs = NfsFileSystem(url, options.get('cbh_faults'))
    except MountFailed as e:
        print('mount.nfs: %s' % e, file=sys.stderr)
        return 32
    if args.f:
        return 0
    with mount_lock():
        if already_mounted(args.share, args.mountpoint):
            print('mount.nfs: %s is busy or already mounted' % args.mountpoint, file=sys.stderr)
            return 32
        try:
            # libfuse mounts, then forks the file system off and this process exits 0
            FUSE(fs, args.mountpoint, foreground=False, nothreads=True, fsname=args.share,
                 subtype='nfs', big_writes=True, max_write=131072, max_read=131072,
                 default_permissions=False)
        except RuntimeError as e:
            print('mount.nfs: FUSE mount of %s failed: %s' % (args.mountpoint, e), file=sys.stderr)
            return 32
    return 0


if __name__ == '__main__':
    sys.exit(main())
