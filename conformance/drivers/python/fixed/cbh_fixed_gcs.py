"""Zed's GoogleBackupDriver with its one-line write bug fixed, so that what lies behind it can
be tested (issue 9, finding 2: ``_generate_object_names`` reads one page of 1,000 names).

The bug (cinder 21.3.1 gcs.py, GoogleObjectWriter.close): ``md5 = md5.encode('utf-8')`` on the
bytes of ``digest()`` raises AttributeError after every upload. The fix drops that line; the
rest of ``close`` is Zed's, verbatim. Load it with
``--driver python:cbh_fixed_gcs.Md5FixedGoogleBackupDriver --driver-path
conformance/drivers/python/fixed --backend gcs``."""
import base64

from oslo_utils import secretutils

from cinder.backup.drivers import gcs
from cinder import exception
from cinder.i18n import _


class Md5FixedObjectWriter(gcs.GoogleObjectWriter):
    @gcs.gcs_logger
    def close(self):
        media = gcs.http.MediaIoBaseUpload(gcs.io.BytesIO(self.data),
                                           'application/octet-stream',
                                           chunksize=self.chunk_size,
                                           resumable=self.resumable)
        resp = self.conn.objects().insert(
            bucket=self.bucket,
            name=self.object_name,
            body={},
            media_body=media).execute(num_retries=self.num_retries)
        etag = resp['md5Hash']
        md5 = secretutils.md5(self.data, usedforsecurity=False).digest()
        # (Zed: md5 = md5.encode('utf-8') -- the one line removed)
        etag = bytes(etag, 'utf-8')
        md5 = base64.b64encode(md5)
        if etag != md5:
            err = _('MD5 of object: %(object_name)s before: '
                    '%(md5)s and after: %(etag)s is not same.') % {
                'object_name': self.object_name,
                'md5': md5, 'etag': etag, }
            raise exception.InvalidBackup(reason=err)
        return md5


class Md5FixedGoogleBackupDriver(gcs.GoogleBackupDriver):
    def get_object_writer(self, bucket, object_name, extra_metadata=None):
        return Md5FixedObjectWriter(bucket, object_name, self.conn,
                                    self.writer_chunk_size,
                                    self.num_retries,
                                    self.resumable)
