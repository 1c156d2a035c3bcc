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

describe("protocolDriverSpec: cinder:nfs and --backend nfs|ceph for python:/exec: drivers", () => {
  it("cinder:nfs runs NFSBackupDriver over the nfs backend, in a container (the driver mounts its share)", () => {
    const spec = protocolDriverSpec("cinder:nfs");
    expect(spec.backend).toBe("nfs");
    expect(spec.cmd.args).toEqual(["-m", "cbh_shim", "cinder.backup.drivers.nfs.NFSBackupDriver"]);
    expect(spec.container).toBeDefined();
  });

  it("--backend nfs and --backend ceph reach python: and exec: drivers", () => {
    expect(protocolDriverSpec("python:acme.tape.TapeDriver", { backend: "nfs" }).backend).toBe("nfs");
    expect(protocolDriverSpec("python:acme.tape.TapeDriver", { backend: "ceph" }).backend).toBe("ceph");
    expect(protocolDriverSpec("exec:./my-driver --stdio", { backend: "ceph" }).backend).toBe("ceph");
    expect(protocolDriverSpec("exec:./my-driver --stdio", { backend: "nfs" }).backend).toBe("nfs");
  });

  it("the nfs backend on the host runtime is refused: the host kernel has no NFS client, the image's FUSE one is needed", () => {
    expect(() => protocolDriverSpec("cinder:nfs", { runtime: "host" })).toThrow(/the nfs backend needs --driver-runtime container/);
    expect(() => protocolDriverSpec("python:acme.tape.TapeDriver", { backend: "nfs", runtime: "host" })).toThrow(
      /python:acme\.tape\.TapeDriver: the nfs backend needs --driver-runtime container/,
    );
  });
});
