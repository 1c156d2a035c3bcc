import { execFile, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs `cbh serve` as a child process and the real OpenStack clients against it. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

const CBH = fileURLToPath(new URL("../../cbh.js", import.meta.url));

export function startServeProcess(args: string[], timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CBH, "serve", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cbh serve did not become ready:\n${out}`)), timeoutMs);
    const check = (): void => {
      const m = /cbh serve: ready on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        url: m[1] as string,
        child,
        output: () => out,
        stop: () =>
          new Promise((res) => {
            if (child.exitCode !== null) return res(child.exitCode);
            child.once("exit", (code) => res(code));
            child.kill("SIGTERM");
          }),
      });
    };
    child.stdout?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`cbh serve exited with ${code}:\n${out}`));
    });
  });
}

export interface ClientResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Credentials {
  user: "admin" | "demo";
  project?: "admin" | "demo";
}

export function clientEnv(url: string, c: Credentials): NodeJS.ProcessEnv {
  const keep = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OS_")));
  return {
    ...keep,
    OS_AUTH_URL: `${url}/identity/v3`,
    OS_USERNAME: c.user,
    OS_PASSWORD: c.user,
    OS_PROJECT_NAME: c.project ?? c.user,
    OS_USER_DOMAIN_NAME: "Default",
    OS_PROJECT_DOMAIN_NAME: "Default",
    OS_IDENTITY_API_VERSION: "3",
    OS_VOLUME_API_VERSION: "3",
    PYTHONWARNINGS: "ignore",
  };
}

export function runClient(bin: "/usr/bin/openstack" | "/usr/bin/cinder", args: string[], env: NodeJS.ProcessEnv): Promise<ClientResult> {
  return new Promise((resolve) => {
    execFile(bin, args, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : 255) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
