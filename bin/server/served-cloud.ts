import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";

/** The part of a SimulatedCloud the server drives directly (the REST handler gets the whole cloud). */
export type ServedCloud = Pick<SimulatedCloud, "settle" | "advance" | "now" | "devices" | "faults" | "trace" | "context" | "db">;
