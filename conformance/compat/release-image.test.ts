import { afterEach, describe, expect, it, vi } from "vitest";
import { compatReleaseImage, isCompatRelease } from "./release-image.ts";

describe("release → drivers image (until driverImageFor of the epoxy branch replaces it)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("zed is the drivers image, epoxy its own, with docker-up.sh's prefix and tag overrides", () => {
    vi.stubEnv("CBH_IMAGE_PREFIX", undefined);
    vi.stubEnv("CBH_IMAGE_TAG", undefined);
    expect(compatReleaseImage("zed")).toBe("local/cbh-drivers:ci");
    expect(compatReleaseImage("epoxy")).toBe("local/cbh-drivers-epoxy:ci");
    vi.stubEnv("CBH_IMAGE_PREFIX", "reg.example/cbh-");
    vi.stubEnv("CBH_IMAGE_TAG", "7");
    expect(compatReleaseImage("epoxy")).toBe("reg.example/cbh-drivers-epoxy:7");
  });

  it("knows zed and epoxy only", () => {
    expect(["zed", "epoxy", "master", "Zed", ""].map(isCompatRelease)).toEqual([true, true, false, false, false]);
  });
});
