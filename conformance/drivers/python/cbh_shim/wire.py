"""Newline-delimited JSON-RPC 2.0 over stdio or a Unix socket, green: requests from the
harness are served each in a green thread, and green threads call back into the harness and
wait. On stdio the reader runs in eventlet's thread pool (a blocking readline would stop every
green thread); on the socket (``$CBH_PROTOCOL_SOCKET``, what the harness gives a driver in a
container, whose stdio the engine relays slowly) reads and writes are green."""
import itertools
import json
import os
import socket
import sys
import time

import eventlet
from eventlet import event, semaphore, tpool

DRIVER_ERROR = -32000


class HarnessError(Exception):
    """The harness answered a callback with an error."""


def _connect(path, within=30.0):
    """The harness listens before it starts the driver; a slow listen is retried briefly."""
    deadline = time.monotonic() + within
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            if time.monotonic() > deadline:
                raise
            eventlet.sleep(0.02)


class Channel:
    def __init__(self, out_fd, socket_path=None):
        self._sock = _connect(socket_path) if socket_path else None
        self._out = out_fd
        self._lock = semaphore.Semaphore()
        self._ids = itertools.count(1)
        self._waiting = {}

    def send(self, msg):
        data = (json.dumps(msg, separators=(',', ':')) + '\n').encode()
        with self._lock:
            if self._sock is not None:
                self._sock.sendall(data)
                return
            while data:
                data = data[os.write(self._out, data):]

    def _readline(self):
        if self._sock is None:
            return lambda: tpool.execute(sys.stdin.buffer.readline)
        return self._sock.makefile('rb').readline

    def call(self, method, params):
        """A callback into the harness; blocks this green thread until it answers."""
        rid = 'd%d' % next(self._ids)
        done = event.Event()
        self._waiting[rid] = done
        self.send({'jsonrpc': '2.0', 'id': rid, 'method': method, 'params': params})
        reply = done.wait()
        if 'error' in reply:
            raise HarnessError('%s: %s' % (method, reply['error'].get('message')))
        return reply.get('result') or {}

    def serve(self, handle):
        """Reads until stdin closes; ``handle(request)`` runs in a new green thread."""
        pool = eventlet.GreenPool()
        readline = self._readline()
        while True:
            line = readline()
            if not line:
                break
            try:
                msg = json.loads(line)
            except ValueError as e:
                self.send({'jsonrpc': '2.0', 'id': None,
                           'error': {'code': -32700, 'message': 'parse error: %s' % e}})
                continue
            if 'method' in msg:
                pool.spawn_n(handle, msg)
            elif msg.get('id') in self._waiting:
                self._waiting.pop(msg['id']).send(msg)
        with eventlet.Timeout(5, False):   # stdin closed: the harness is done; let answers go
            pool.waitall()
