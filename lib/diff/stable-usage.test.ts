import { describe, expect, it } from "vitest";
import { stableUsage } from "./stable-usage.ts";

describe("stableUsage (a deleted volume's quota is committed after its row is gone)", () => {
  it("reads until two reads agree, so a late QUOTAS.commit is seen", async () => {
    const reads = [{ volumes: 2 }, { volumes: 1 }, { volumes: 1 }, { volumes: 0 }];
    let n = 0;
    const got = await stableUsage(async () => reads[n++]!, ["volumes"], 1);
    expect(got).toEqual({ volumes: 1 });
    expect(n).toBe(3);
  });

  it("gives up after 20 extra reads and returns the last one", async () => {
    let n = 0;
    const got = await stableUsage(async () => ({ volumes: n++ }), ["volumes"], 0);
    expect(n).toBe(21);
    expect(got).toEqual({ volumes: 20 });
  });
});
