export { CloudBuilder } from "./cloud-builder.ts";
export { SimulatedCloudImpl, type SeededUser } from "./simulated-cloud-impl.ts";
export { DEFAULT_CONFIG, resolveConfig, ConfigError, type CloudConfig } from "./config.ts";
export { RELEASES, releaseProfile, type ReleaseProfile } from "./release-profile.ts";
export { DEFAULT_TOPOLOGY, validateTopology, TopologyError } from "./default-topology.ts";
export { GEOMETRIES, GeometryError, geometryConfig, parseGeometry, type Geometry } from "./geometry.ts";
export { parseMicroversion } from "./microversion.ts";
export { checkInvariants, type InvariantViolation } from "./invariants.ts";
export type * from "./simulated-cloud.ts";
