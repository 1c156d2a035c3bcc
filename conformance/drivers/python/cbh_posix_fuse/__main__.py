"""``python3 -m cbh_posix_fuse SOURCE MOUNTPOINT [--faults PLAN_FILE]``: exit 0 once mounted."""
import argparse
import os
import sys


def main(argv=None):
    ap = argparse.ArgumentParser(prog='cbh_posix_fuse')
    ap.add_argument('source')
    ap.add_argument('mountpoint')
    ap.add_argument('--faults', help='seeded fault plan file (cbh_nfs_fuse/fault_plan.py)')
    args = ap.parse_args(argv)
    if not os.path.isdir(args.source):
        print('cbh_posix_fuse: %s is not a directory' % args.source, file=sys.stderr)
        return 1
    os.makedirs(args.mountpoint, exist_ok=True)
    from fusepy import FUSE
    from cbh_posix_fuse.passthrough import PassthroughFileSystem
    try:
        # libfuse mounts, then forks the file system off and this process exits 0
        FUSE(PassthroughFileSystem(args.source, args.faults), args.mountpoint, foreground=False,
             nothreads=True, fsname=args.source, subtype='cbhposix', big_writes=True,
             max_write=131072, max_read=131072, default_permissions=False)
    except RuntimeError as e:
        print('cbh_posix_fuse: FUSE mount of %s failed: %s' % (args.mountpoint, e), file=sys.stderr)
        return 32
    return 0


if __name__ == '__main__':
    sys.exit(main())
