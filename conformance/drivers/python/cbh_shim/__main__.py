"""Entry point: ``python3 -m cbh_shim CLASS_PATH [--config FILE]``."""
import eventlet

eventlet.monkey_patch()  # as cinder/cmd/backup.py does, before anything else is imported

import os  # noqa: E402
import sys  # noqa: E402


def _protocol_stdout():
    """The protocol owns stdout: keep a private copy of fd 1, then point fd 1 (and
    sys.stdout) at stderr, so a driver's print() or a stray log handler cannot corrupt it."""
    fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return fd


if __name__ == '__main__':
    out_fd = _protocol_stdout()
    from cbh_shim import server  # noqa: E402
    sys.exit(server.main(sys.argv[1:], out_fd))
