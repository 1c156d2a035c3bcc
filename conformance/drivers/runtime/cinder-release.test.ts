import { describe, expect, it } from "vitest";
import { driverImageFor, releaseOfCinderVersion } from "./cinder-release.ts";

describe("cinder releases", () => {
  it("each release has its drivers image; zed keeps the historical name", () => {
    expect(driverImageFor("zed")).toBe("local/cbh-drivers:ci");
    expect(driverImageFor("epoxy")).toBe("local/cbh-drivers-epoxy:ci");
  });

  it("a cinder version maps to its release by major version, an unknown one to null", () => {
    expect(releaseOfCinderVersion("21.3.1")).toBe("zed");
    expect(releaseOfCinderVersion("21.3.2")).toBe("zed");
    expect(releaseOfCinderVersion("26.0.0")).toBe("epoxy");
    expect(releaseOfCinderVersion("27.0.0")).toBeNull();
  });
});
