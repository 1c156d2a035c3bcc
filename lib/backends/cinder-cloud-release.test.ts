import { afterEach, describe, expect, it, vi } from "vitest";
import { CinderCloudContainer, cinderCloudImage, parseCloudRelease } from "./index.ts";

describe("the bundled cloud's release", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("zed is local/cbh-cinder:ci, epoxy local/cbh-cinder-epoxy:ci (docker-up.sh's NAME-RELEASE tags), under CBH_IMAGE_PREFIX/TAG", () => {
    expect(cinderCloudImage("zed")).toBe("local/cbh-cinder:ci");
    expect(cinderCloudImage("epoxy")).toBe("local/cbh-cinder-epoxy:ci");
    vi.stubEnv("CBH_IMAGE_PREFIX", "reg.example/cbh-");
    vi.stubEnv("CBH_IMAGE_TAG", "7");
    expect(cinderCloudImage("epoxy")).toBe("reg.example/cbh-cinder-epoxy:7");
  });

  it("CinderCloudContainer.forRelease carries the release; no release is zed", () => {
    expect(CinderCloudContainer.forRelease("epoxy").release).toBe("epoxy");
    expect(new CinderCloudContainer().release).toBe("zed");
  });

  it("a release without an image is a usage error", () => {
    expect(parseCloudRelease("epoxy")).toBe("epoxy");
    expect(() => parseCloudRelease("master")).toThrow(expect.objectContaining({ code: "usage" }));
  });
});
