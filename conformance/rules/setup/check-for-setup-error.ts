import { defineRule } from "../rule.ts";
import { RuleViolation } from "../rule-violation.ts";

// backup/manager.py:_setup_backup_driver → driver.check_for_setup_error (spec §5.3, §5.5)
export default defineRule({
  id: "setup.check-for-setup-error",
  title: "check_for_setup_error succeeds on a correctly configured driver and the driver names its class",
  source: "backup/manager.py:_setup_backup_driver; interface/backup_driver.py",
  async run(t) {
    const h = await t.harness();
    const d = h.newDriverInstance();
    try {
      await d.checkForSetupError();
    } catch (e) {
      throw new RuleViolation("check_for_setup_error raised on a working configuration", "no exception", (e as Error).message);
    }
    if (!/^[A-Za-z_][\w.]*$/.test(d.name)) {
      throw new RuleViolation(
        "driver name is not a class path (stored in backup.service)",
        "e.g. cinder.backup.drivers.posix.PosixBackupDriver",
        JSON.stringify(d.name),
      );
    }
  },
});
