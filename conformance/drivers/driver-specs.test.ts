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

describe("protocolDriverSpec: the cinder release (cinder:NAME@RELEASE)", () => {
  it("cinder:NAME runs zed's driver from the zed image; @epoxy the same class from the epoxy image", () => {
    const zed = protocolDriverSpec("cinder:posix");
    expect(zed.release).toBe("zed");
    expect(zed.container?.image).toBe("local/cbh-drivers:ci");
    const epoxy = protocolDriverSpec("cinder:posix@epoxy");
    expect(epoxy.id).toBe("cinder:posix@epoxy");
    expect(epoxy.release).toBe("epoxy");
    expect(epoxy.backend).toBe("posix");
    expect(epoxy.container?.image).toBe("local/cbh-drivers-epoxy:ci");
    expect(epoxy.cmd.args).toEqual(["-m", "cbh_shim", "cinder.backup.drivers.posix.PosixBackupDriver"]);
    expect(protocolDriverSpec("cinder:posix@zed").container?.image).toBe("local/cbh-drivers:ci");
  });

  it("a target and a release combine: cinder:swift@radosgw@epoxy", () => {
    const s = protocolDriverSpec("cinder:swift@radosgw@epoxy");
    expect(s.backend).toBe("radosgw-swift");
    expect(s.release).toBe("epoxy");
    expect(protocolDriverSpec("cinder:s3@epoxy").backend).toBe("s3");
  });

  it("python: classes take a release when asked, and none by default", () => {
    expect(protocolDriverSpec("python:cbh_fixed_gcs.Md5FixedGoogleBackupDriver@epoxy", { backend: "gcs" }).container?.image).toBe(
      "local/cbh-drivers-epoxy:ci",
    );
    expect(protocolDriverSpec("python:acme.Tape").release).toBeUndefined();
  });

  it("an unknown release is refused naming the known ones", () => {
    expect(() => protocolDriverSpec("cinder:posix@wallaby")).toThrow(
      /unknown driver 'cinder:posix@wallaby'.*@RELEASE \(zed, epoxy; default @zed\)/,
    );
    expect(() => protocolDriverSpec("python:acme.Tape@wallaby")).toThrow(
      /unknown release in 'python:acme.Tape@wallaby': releases are @zed, @epoxy/,
    );
  });
});
