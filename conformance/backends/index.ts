export { backendImage, HARNESS_LABEL, type BackendName } from "./backend-image.ts";
export { CephContainer, StartedCephContainer, type CephCredentials } from "./ceph-container.ts";
export { freePort, freePorts } from "./free-port.ts";
export { GcsContainer, StartedGcsContainer } from "./gcs-container.ts";
export { HarnessContainer } from "./harness-container.ts";
export { applyHarnessEnvironment } from "./harness-environment.ts";
export { BackendNotReadyError, PollWaitStrategy, httpProbe, type ReadinessProbe } from "./poll-wait-strategy.ts";
export { backendContainer, startBackend, UnknownBackendError, type BackendKind, type StartedBackends } from "./start-backend.ts";
export { SWIFT_TEMPAUTH_USERS, StartedSwiftContainer, SwiftContainer, type SwiftPorts } from "./swift-container.ts";
