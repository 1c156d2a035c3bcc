import { describe, expect, it } from "vitest";
import { backupIdOf, describeObjects } from "./describe-objects.ts";

const B1 = "3c1e0b2a-0000-4000-8000-00000000000f";
const V = "7b1f0a6e-0000-4000-8000-000000000001";

describe("describeObjects: leaked objects by full name and backup id", () => {
  it("names each object in full, grouped under the backup it belongs to", () => {
    const names = [
      `volumebackups/volume_${V}/20260101/az_nova_backup_${B1}-00001`,
      `volumebackups/volume_${V}/20260101/az_nova_backup_${B1}_sha256file`,
      `sparse/${V.replace("7b", "aa")}/piece-0`,
    ];
    expect(describeObjects(names)).toBe(`3 objects: backup ${B1}: ${names[0]}, ${names[1]}; backup ${V.replace("7b", "aa")}: ${names[2]}`);
    expect(describeObjects([])).toBe("no object");
    expect(describeObjects(["c/plain-name"])).toBe("1 object: no backup id: c/plain-name");
  });
  it("prefers cinder's _backup_<id> over the volume id that comes first", () => {
    expect(backupIdOf(`c/volume_${V}_20260101080000_backup_${B1}_metadata`)).toBe(B1);
  });
  it("says how many more when the list is long", () => {
    expect(
      describeObjects(
        Array.from({ length: 10 }, (_, i) => `c/o${i}`),
        2,
      ),
    ).toBe("10 objects: no backup id: c/o0, c/o1; … 8 more");
  });
});
