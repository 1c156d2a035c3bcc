export { CloudClient, SERVICE_TYPES, type CallOptions, type ClientOptions, type ServiceName } from "./cloud-client.ts";
export { cloudFromEnvironment, cloudsYamlCandidates, loadCloudsYaml, resolveCloud, type CloudConfig } from "./cloud-config.ts";
export { CloudError, type CloudErrorCode } from "./errors.ts";
export type { HttpResponse } from "./http-transport.ts";
export { compareMicroversion, negotiate, versionRange } from "./microversion.ts";
