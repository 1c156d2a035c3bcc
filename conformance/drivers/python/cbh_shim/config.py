"""oslo.config as cinder-backup loads it: a generated cinder.conf (plus the user's
``--config FILE``), then per request the options the harness sends, via ``set_override``."""
import atexit
import logging as pylogging
import os
import shutil
import tempfile

from oslo_config import cfg
from oslo_log import log as logging

from cinder.common import config as _registers_common_opts  # noqa: F401
import cinder.objects

cinder.objects.register_all()

from cinder import rpc  # noqa: E402

CONF = cfg.CONF
HOST = 'cbh-driver-host'

_CONF = """[DEFAULT]
state_path = {state}
host = {host}
storage_availability_zone = nova
transport_url = fake:/
[oslo_messaging_notifications]
# Any real notification driver breaks backups on Debian 12 (oslo.messaging 14.0.3 drops
# read_deleted from the context; cinder 21.3.1 RequestContext.from_dict then raises).
driver = noop
"""


class UnknownOption(Exception):
    """A ``--driver-opt`` cinder does not know (after importing the driver's module)."""


def start(user_config=None):
    work = tempfile.mkdtemp(prefix='cbh-shim-state-')
    atexit.register(shutil.rmtree, work, True)
    path = os.path.join(work, 'cinder.conf')
    with open(path, 'w') as f:
        f.write(_CONF.format(state=work, host=HOST))
    files = [path] + ([user_config] if user_config else [])
    logging.register_options(CONF)
    CONF([], project='cinder', default_config_files=files)
    logging.setup(CONF, 'cinder')
    pylogging.getLogger().setLevel(pylogging.WARNING)
    rpc.init(CONF)


def _known(name):
    return name in CONF


_OVERRIDDEN = set()


def apply(options, defaults):
    """Harness defaults (geometry, compression, the store's path) only where cinder knows the
    option; the user's options must all be known. An option an earlier request set and this one
    does not goes back to cinder's default (``clear_override``), as in a fresh cinder-backup."""
    for name in options:
        if not _known(name):
            raise UnknownOption('cinder does not know the option %r (no such [DEFAULT] option '
                                'once the driver module is imported)' % name)
    given = {n for n in list(defaults) + list(options) if _known(n)}
    for name in _OVERRIDDEN - given:
        CONF.clear_override(name)
    _OVERRIDDEN.intersection_update(given)
    for name, value in list(defaults.items()) + list(options.items()):
        if _known(name):
            CONF.set_override(name, value)
            _OVERRIDDEN.add(name)
