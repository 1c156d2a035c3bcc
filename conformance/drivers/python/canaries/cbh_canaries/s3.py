"""Broken subclasses of cinder.backup.drivers.s3.S3BackupDriver (cinder 21.3.1), for the faults.* rules."""
from botocore.config import Config
import boto3

from cinder.backup.drivers import s3

CONF = s3.CONF


class _SwallowingWriter(s3.S3ObjectWriter):
    def close(self):
        try:
            return super().close()
        except Exception:  # noqa: BLE001 - the bug
            return None


class SwallowsFailedWrites(s3.S3BackupDriver):
    BUG = 'an object PUT that fails after its retries is ignored: the backup ends available with objects missing'
    BREAKS = 'faults.delete-after-failed-backup-leaves-nothing'

    def __init__(self, context):
        super().__init__(context)
        # The bug is the swallowing, not the retry budget. With S3BackupDriver.__init__'s budget
        # (botocore's legacy mode: up to 4 attempts with random exponential backoff) every one of
        # the ten swallowed writes sleeps up to 7 s, and the rule would time out instead of seeing
        # an 'available' backup. One attempt per PUT keeps the canary's run bounded.
        self.conn = boto3.client(
            's3',
            aws_access_key_id=CONF.backup_s3_store_access_key,
            aws_secret_access_key=CONF.backup_s3_store_secret_key,
            endpoint_url=CONF.backup_s3_endpoint_url,
            verify=CONF.backup_s3_ca_cert_file if CONF.backup_s3_verify_ssl else False,
            config=self.conn.meta.config.merge(Config(retries={'total_max_attempts': 1, 'mode': 'standard'})))

    def get_object_writer(self, container, object_name, extra_metadata=None):
        return _SwallowingWriter(container, object_name, self.conn)
