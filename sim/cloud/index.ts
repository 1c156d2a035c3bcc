export { CloudBuilder } from "./cloud-builder.ts";
export { DEFAULT_CONFIG, resolveConfig, ConfigError, type CloudConfig } from "../kernel/config.ts";
export { RELEASES, RELEASE_NAMES, isRelease, releaseProfile, type ReleaseProfile } from "../kernel/release-profile.ts";
export { DEFAULT_TOPOLOGY, validateTopology, TopologyError } from "./default-topology.ts";
export { GEOMETRIES, GeometryError, geometryConfig, parseGeometry, type Geometry } from "./geometry.ts";
export { invariantChecker, type InvariantViolation } from "./invariants.ts";
export type * from "./simulated-cloud.ts";
