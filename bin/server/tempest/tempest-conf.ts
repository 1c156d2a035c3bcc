/** What tempest needs to know about a running `cbh serve`. */
export interface TempestTarget {
  /** `http://127.0.0.1:PORT/identity/v3`. */
  authUrl: string;
  adminUser?: string;
  adminPassword?: string;
  adminProject?: string;
  /** Highest Block Storage microversion to test (zed: 3.70). */
  maxMicroversion?: string;
  logFile?: string;
}

/**
 * A tempest.conf (tempest 33.0.0 + cinder-tempest-plugin 1.7.2) for `cbh serve` with dynamic
 * credentials: tempest creates a project and user per test class through the Keystone admin API
 * as the admin user, as it does against a real cloud. Only Identity and Block Storage exist, so
 * Nova, Glance, Neutron and Swift are declared unavailable (tests that need them skip).
 */
export function tempestConf(t: TempestTarget): string {
  return `[DEFAULT]
log_file = ${t.logFile ?? "tempest.log"}
use_stderr = false

[auth]
use_dynamic_credentials = true
create_isolated_networks = false
admin_username = ${t.adminUser ?? "admin"}
admin_password = ${t.adminPassword ?? "admin"}
admin_project_name = ${t.adminProject ?? "admin"}
admin_domain_name = Default
default_credentials_domain_name = Default
tempest_roles = member

[identity]
auth_version = v3
uri_v3 = ${t.authUrl}
region = RegionOne
disable_ssl_certificate_validation = true

[identity-feature-enabled]
api_v2 = false
api_v3 = true

[service_available]
cinder = true
nova = false
glance = false
neutron = false
swift = false

[volume]
catalog_type = volumev3
endpoint_type = publicURL
region = RegionOne
backup_driver = posix
min_microversion = 3.0
max_microversion = ${t.maxMicroversion ?? "3.70"}
build_interval = 1
build_timeout = 60

[volume-feature-enabled]
backup = true
api_v2 = false
api_v3 = true
snapshot = true
extend_attached_volume = false
manage_volume = false
manage_snapshot = false

[validation]
run_validation = false

[compute-feature-enabled]
attach_encrypted_volume = false

[cinder]
concurrency_tests = false
`;
}
