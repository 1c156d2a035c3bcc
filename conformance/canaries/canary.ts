import type { BackupDriver } from "../../sim/driver/backup-driver.ts";
import type { DriverFactoryOptions, DriverUnderTest } from "../driver/driver-under-test.ts";

/**
 * A deliberately broken driver: a small wrapper of the reference driver with one realistic bug.
 * `breaks` names the rule that must catch it; `npm test` fails if it is not caught.
 */
export interface Canary {
  readonly id: string;
  readonly bug: string;
  readonly breaks: string;
  /** Builds the broken driver from the reference driver's factory and the factory options. */
  create(base: DriverUnderTest, opts: DriverFactoryOptions): BackupDriver;
}

/** The canary as a driver under test, same store, geometry and declared capabilities as the base. */
export function canaryDriver(c: Canary, base: DriverUnderTest): DriverUnderTest {
  return {
    ...base,
    id: `canary:${c.id}`,
    label: `canary ${c.id}: ${c.bug}`,
    createDriver: (opts) => c.create(base, opts),
  };
}
