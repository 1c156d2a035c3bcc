"""``mount.nfs SHARE DIR [-o OPTIONS]`` as util-linux's mount calls it, turned into a libnfs URL.

Only what this client can honour is accepted: NFSv3 over TCP (``vers=3``/``nfsvers=3``; v4 and
pNFS's ``vers=4,minorversion=1`` are refused, so os-brick's ``_mount_nfs`` falls back to the next
option set as with a server that lacks them), ``port=`` (NFS) and ``mountport=`` (MOUNT), since
the server's portmapper is not reachable, and this client's own ``cbh_faults=PLAN_FILE`` (seeded
ENOSPC/EIO, fault_plan.py). Other options (``nolock``, ``soft``, ``timeo``, ...) are
accepted and ignored: the client has no locking and one fixed retry policy (libnfs's).
"""
import re
from urllib.parse import quote

IGNORED = {'nolock', 'lock', 'soft', 'hard', 'intr', 'nointr', 'rw', 'sync', 'async', 'noatime',
           'relatime', 'tcp', 'proto', 'timeo', 'retrans', 'retry', 'rsize', 'wsize', 'actimeo',
           'noac', 'ac', 'sec', 'local_lock', 'mountproto', 'nosuid', 'nodev', 'noexec', 'defaults',
           'bg', 'fg', 'addr', 'clientaddr', 'mountaddr', 'namlen', 'acl', 'noacl'}


class BadMount(Exception):
    """Refused before contacting the server; ``status`` is mount(8)'s exit code."""

    def __init__(self, message, status=32):
        super().__init__(message)
        self.status = status


def parse_options(text):
    """``a=b,c`` → ``{'a': 'b', 'c': None}``."""
    out = {}
    for item in (text or '').split(','):
        item = item.strip()
        if item:
            key, _, value = item.partition('=')
            out[key] = value if '=' in item else None
    return out


def share_url(share, options):
    """``HOST:/PATH`` and the parsed options → ``nfs://HOST/PATH?nfsport=..&mountport=..&version=3``."""
    m = re.fullmatch(r'(\[[^\]]+\]|[^:/\s]+):(/\S*)', share or '')
    if not m:
        raise BadMount('mount.nfs: bad share %r: expected HOST:/PATH' % share, status=1)
    host, path = m.group(1), m.group(2)
    version = options.get('vers') or options.get('nfsvers') or '3'
    if options.get('proto') not in (None, 'tcp'):
        raise BadMount('mount.nfs: proto=%s is not supported (TCP only)' % options['proto'])
    if version != '3':
        raise BadMount('mount.nfs: NFS version %s is not supported by this client (NFSv3 only)' % version)
    unknown = sorted(set(options) - IGNORED - {'vers', 'nfsvers', 'port', 'mountport', 'minorversion', 'cbh_faults'})
    if options.get('minorversion') is not None:
        raise BadMount('mount.nfs: minorversion is an NFSv4 option (this client is NFSv3 only)')
    if unknown:
        raise BadMount('mount.nfs: unknown mount options: %s' % ','.join(unknown), status=1)
    query = []
    for option, param in (('port', 'nfsport'), ('mountport', 'mountport')):
        value = options.get(option)
        if value is not None:
            if not value.isdigit() or not 0 < int(value) < 65536:
                raise BadMount('mount.nfs: %s=%s is not a port' % (option, value), status=1)
            query.append('%s=%s' % (param, value))
    return 'nfs://%s%s?%s' % (host, quote(path), '&'.join(query + ['version=3']))
