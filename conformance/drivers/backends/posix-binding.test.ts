import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { posixBinding } from "./posix-binding.ts";

describe("posix binding with the passthrough FUSE layer (cbh_posix_fuse)", () => {
  it("points a driver created while a faults plan is set at its store through the mount, every other one at the directory", async () => {
    const work = await mkdtemp(join(tmpdir(), "cbh-posix-binding-"));
    try {
      const b = posixBinding(work, { mountPoint: "/var/lib/cbh-posix-faults", planFile: join(work, "posix-faults.json") });
      const store = await b.createStore();
      const direct = b.optionsFor(store)["backup_posix_path"] as string;
      expect(direct.startsWith(`${work}/store-`)).toBe(true);
      b.faults!.use({ seed: 3, rate: 1, faults: ["http-500"], methods: ["PUT"] });
      expect(b.optionsFor(store)["backup_posix_path"]).toBe(`/var/lib/cbh-posix-faults/${direct.slice(work.length + 1)}`);
      b.faults!.use(null);
      expect(b.optionsFor(store)["backup_posix_path"]).toBe(direct);
      expect(posixBinding(work).faults).toBeUndefined(); // no FUSE layer (host runtime, a --driver-image): faults.* are NA
      await b.disposeStore(store);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
