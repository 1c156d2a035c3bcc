import { describe, expect, it } from "vitest";
import { referenceDriver } from "../driver/reference-driver.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { canaryDriver, DelegatingDriver, findCanary, patchVolumeFile } from "../canaries/index.ts";
import { COMPAT_CASES, selectCases } from "./compat-cases.ts";
import { runCompatCell } from "./compat-cell.ts";
import { compatColumn } from "./compat-matrix.ts";

// The cell runner with in-process drivers: the reference chunked driver writes, a broken reader
// (a canary, or a driver lacking an algorithm) must turn the cell into a FAIL or an NA.
const ref = referenceDriver();
const up = compatColumn("ref", "upgrade", "zed", "epoxy");
const down = compatColumn("ref", "downgrade", "zed", "epoxy");
const one = (id: string) => selectCases([id])[0]!;
const cell = (c: string, reader: DriverUnderTest, col = up, writer: DriverUnderTest = ref) =>
  runCompatCell(col, one(c), writer, reader, 7, "replay");

/** A reader whose restores flip the first byte they write. */
const flipsAByte: DriverUnderTest = {
  ...ref,
  id: "flips",
  createDriver: (opts) =>
    new (class extends DelegatingDriver {
      override restore(...[row, volumeId, file, isNew, ctx]: Parameters<DelegatingDriver["restore"]>) {
        let first = true;
        const f = patchVolumeFile(file, {
          write: (o, d) => {
            if (first && d.length) d = Uint8Array.from(d, (b, i) => (i === 0 ? b ^ 1 : b));
            first = false;
            return file.write(o, d);
          },
        });
        return super.restore(row, volumeId, f, isNew, ctx);
      }
    })(ref.createDriver(opts)),
};

describe("compat cell (writer phase → reader phase)", () => {
  it("the reference driver reading itself passes every case it can write; zstd, which it cannot write, is NA", async () => {
    for (const c of COMPAT_CASES) {
      const r = await runCompatCell(up, c, ref, ref, 3, "replay");
      if (!ref.capabilities.compression.includes(c.compression)) {
        expect(r.outcome, c.id).toBe("NA");
        expect(r.reason).toMatch(/^zed's driver cannot write it: no \w+ compression$/);
        continue;
      }
      expect(r.outcome, `${c.id}: ${r.reason ?? ""}`).toBe("PASS");
      expect(r.observed?.join("\n")).toMatch(/restored byte-exact by epoxy[\s\S]*deleted by epoxy: no object left/);
    }
  });

  it("a reader that leaves the _sha256file behind fails on the store check", async () => {
    const r = await cell("full", canaryDriver(findCanary("leak-on-delete")!, ref));
    expect(r.outcome).toBe("FAIL");
    expect(r.reason).toMatch(/^store after epoxy deleted every backup: objects left/);
    expect(r.actual).toMatch(/_sha256file/);
  });

  it("a reader that restores a wrong byte fails with both sha256s", async () => {
    const r = await cell("incremental-chain", flipsAByte);
    expect(r.outcome).toBe("FAIL");
    expect(r.reason).toMatch(/^restore point 1\/3 with epoxy: restored bytes differ/);
    expect(r.expected).toMatch(/^sha256 [0-9a-f]{64} \(\d+ B\)$/);
    expect(r.actual).not.toBe(r.expected);
  });

  it("a reader that drops the volume metadata fails the volume-metadata case only", async () => {
    const dropping = canaryDriver(findCanary("drop-volume-metadata")!, ref);
    expect((await cell("full", dropping)).outcome).toBe("PASS");
    const r = await cell("volume-metadata", dropping);
    expect(r.outcome).toBe("FAIL");
    expect(r.reason).toMatch(/the restore put no volume metadata on the target/);
  });

  it("a reader whose import_record raises fails the export-import case at that step", async () => {
    const refusing: DriverUnderTest = {
      ...ref,
      createDriver: (opts) =>
        new (class extends DelegatingDriver {
          override importRecord(): Promise<void> {
            return Promise.reject(new Error("InvalidBackup: unknown driver_info"));
          }
        })(ref.createDriver(opts)),
    };
    const r = await cell("export-import", refusing);
    expect(r.outcome).toBe("FAIL");
    expect(r.reason).toMatch(/^import_record of [0-9a-f]{8} with epoxy: InvalidBackup: unknown driver_info/);
    expect(r.driverException?.method).toMatch(/^import_record/);
  });

  it("a reader lacking an algorithm the writer used: FAIL on upgrade, NA on downgrade", async () => {
    const noBz2: DriverUnderTest = { ...ref, capabilities: { ...ref.capabilities, compression: ["none", "zlib"] } };
    const u = await cell("compression-zlib", noBz2);
    expect(u.outcome).toBe("PASS");
    if (!ref.capabilities.compression.includes("bz2")) return; // no bzip2 program on this machine: nothing to write
    const r = await cell("compression-bz2", noBz2);
    expect(r.outcome).toBe("FAIL");
    expect(r.reason).toBe("the newer release cannot read what zed wrote: epoxy's driver declares no bz2 compression");
    const d = await cell("compression-bz2", noBz2, down);
    expect(d.outcome).toBe("NA");
    expect(d.reason).toBe("downgrade not claimed: zed's driver declares no bz2 compression");
  });
});
