import { describe, expect, it } from "vitest";
import { protocolDriverSpec } from "./driver-specs.ts";

describe("protocolDriverSpec: cinder:ceph and the second Swift target", () => {
  it("cinder:ceph runs CephBackupDriver over the ceph backend", () => {
    const spec = protocolDriverSpec("cinder:ceph");
    expect(spec.backend).toBe("ceph");
    expect(spec.cmd.args).toEqual(["-m", "cbh_shim", "cinder.backup.drivers.ceph.CephBackupDriver"]);
  });

  it("cinder:swift@radosgw runs SwiftBackupDriver over radosgw's Swift API; cinder:swift stays on the AIO", () => {
    const rgw = protocolDriverSpec("cinder:swift@radosgw");
    expect(rgw.backend).toBe("radosgw-swift");
    expect(rgw.id).toBe("cinder:swift@radosgw");
    expect(rgw.cmd.args).toEqual(["-m", "cbh_shim", "cinder.backup.drivers.swift.SwiftBackupDriver"]);
    expect(protocolDriverSpec("cinder:swift").backend).toBe("swift");
  });

  it("an unknown target, or a target of another driver, is refused naming the known ones", () => {
    expect(() => protocolDriverSpec("cinder:swift@minio")).toThrow(/unknown driver 'cinder:swift@minio'.*cinder:swift@radosgw/);
    expect(() => protocolDriverSpec("cinder:s3@radosgw")).toThrow(/unknown driver 'cinder:s3@radosgw'/);
  });
});
