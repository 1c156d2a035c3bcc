export { backendImage, HARNESS_LABEL, type BackendName } from "./backend-image.ts";
export { CephContainer, StartedCephContainer, type CephCredentials } from "./ceph-container.ts";
export { freePort, freePorts } from "./free-port.ts";
export { GcsContainer, StartedGcsContainer } from "./gcs-container.ts";
export { NfsContainer, StartedNfsContainer } from "./nfs-container.ts";
export { HarnessContainer } from "./harness-container.ts";
export { applyHarnessEnvironment } from "./harness-environment.ts";
export { BackendNotReadyError, PollWaitStrategy, httpProbe, type ReadinessProbe } from "./poll-wait-strategy.ts";
export { describeBackend, type BackendDescription } from "./describe-backend.ts";
export { backendContainer, startBackend, UnknownBackendError, type BackendKind, type StartedBackends } from "./start-backend.ts";
export { SWIFT_TEMPAUTH_USERS, StartedSwiftContainer, SwiftContainer, type SwiftPorts } from "./swift-container.ts";
export { KEYSTONE_USERS, StartedSwiftKeystoneContainer, SwiftKeystoneContainer, type KeystoneUser } from "./swift-keystone-container.ts";
export { CINDER_CLOUD_USERS, CinderCloudContainer, StartedCinderCloud, type CloudBackupDriver } from "./cinder-cloud-container.ts";
export {
  CLOUD_CINDER_VERSIONS,
  CLOUD_RELEASES,
  CLOUD_RELEASE_TITLES,
  DEFAULT_CLOUD_RELEASE,
  cinderCloudImage,
  isCloudRelease,
  parseCloudRelease,
  type CloudRelease,
} from "./cinder-cloud-release.ts";
export { CLOUD_SERVICES, CinderOperator, OperatorActionError, type CloudService } from "./cinder-operator.ts";
export * from "./containers.ts";
export {
  describeRetryBehaviour,
  FaultProxy,
  faultFor,
  retryBehaviour,
  STORE_FAULTS,
  TRANSIENT_FAULTS,
  type FaultPlan,
  type ProxiedRequest,
  type RetryBehaviour,
  type StoreDialect,
  type StoreFault,
} from "./fault-proxy/index.ts";
