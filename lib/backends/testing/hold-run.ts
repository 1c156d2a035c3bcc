import { installRunCleanup } from "../run-containers.ts";

// A harness process that holds containers until a signal (run-containers.test.ts): installs the
// run's cleanup, says "ready", then waits as `cbh backend start` does.
installRunCleanup();
process.stdout.write("ready\n");
setInterval(() => undefined, 1 << 30);
