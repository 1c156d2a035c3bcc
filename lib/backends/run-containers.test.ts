import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { fakeDocker } from "./testing/fake-docker.ts";
import { harnessRunId } from "./run-id.ts";
import { removeRunContainersSync, sweepLeftoverContainers } from "./run-containers.ts";

const saved = process.env.CBH_DOCKER_CLI;
afterEach(() => {
  if (saved === undefined) delete process.env.CBH_DOCKER_CLI;
  else process.env.CBH_DOCKER_CLI = saved;
});

describe("containers of a harness run", () => {
  it("the sweep removes dead runs' leftovers, never this run's nor a live run's", async () => {
    const ps = [`aaa other-run 999999999`, `bbb live-run ${process.ppid}`, `ccc ${harnessRunId()} ${process.pid}`, `ddd no-owner `].join(
      "\n",
    );
    const fake = fakeDocker([{ match: "^ps", stdout: ps }]);
    process.env.CBH_DOCKER_CLI = fake.cli;
    expect(await sweepLeftoverContainers()).toEqual(["aaa", "ddd"]);
    expect(fake.calls().at(-1)).toBe("rm -fv aaa ddd");
  });

  it("no engine: nothing to sweep, no error", async () => {
    process.env.CBH_DOCKER_CLI = fakeDocker([{ match: "^ps", stderr: "Cannot connect to the Docker daemon", status: 1 }]).cli;
    expect(await sweepLeftoverContainers()).toEqual([]);
  });

  it("removal on exit/SIGINT takes exactly this run's containers, by label", () => {
    const fake = fakeDocker([{ match: "^ps", stdout: "c1\nc2\n" }]);
    process.env.CBH_DOCKER_CLI = fake.cli;
    expect(removeRunContainersSync()).toEqual(["c1", "c2"]);
    expect(fake.calls()).toEqual([`ps -aq --filter label=cbh.run-id=${harnessRunId()}`, "rm -fv c1 c2"]);
  });
});

describe("a harness process killed with SIGTERM", () => {
  it("twice (pkill -f hits npx, which forwards it, and node): removes its containers once, then exits 143", async () => {
    // the removal takes a while (a slow engine): the second signal arrives in the middle of it
    const fake = fakeDocker([
      { match: "^ps", stdout: "cloud\nceph\n" },
      { match: "^rm", sleepS: 1 },
    ]);
    const child = spawn(process.execPath, ["--import", "tsx", "lib/backends/testing/hold-run.ts"], {
      env: { ...process.env, CBH_DOCKER_CLI: fake.cli, CBH_RUN_ID: "sigterm-test" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await once(child.stdout, "data");
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGTERM");
    const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
    expect({ code, signal }).toEqual({ code: 143, signal: null });
    expect(fake.calls()).toEqual(["ps -aq --filter label=cbh.run-id=sigterm-test", "rm -fv cloud ceph"]);
  });
});

describe("CBH_RUN_ID", () => {
  it("must be usable in a container name: a bad one is a clear error", () => {
    const saved = process.env.CBH_RUN_ID;
    process.env.CBH_RUN_ID = "my run; rm -rf /";
    try {
      expect(() => harnessRunId()).toThrow(/CBH_RUN_ID 'my run; rm -rf \/': use letters, digits/);
    } finally {
      if (saved === undefined) delete process.env.CBH_RUN_ID;
      else process.env.CBH_RUN_ID = saved;
    }
  });
});
