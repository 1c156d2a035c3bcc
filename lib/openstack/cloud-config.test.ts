import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cloudFromEnvironment, cloudsYamlCandidates, loadCloudsYaml, resolveCloud } from "./cloud-config.ts";
import { CloudError } from "./errors.ts";

const YAML = (name: string, user: string) =>
  `clouds:\n  ${name}:\n    auth:\n      auth_url: http://k:5000/v3\n      username: ${user}\n      password: pw\n      project_name: demo\n      user_domain_name: Default\n    region_name: RegionOne\n`;

function dirs() {
  const root = mkdtempSync(join(tmpdir(), "cbh-clouds-"));
  const cwd = join(root, "cwd"),
    home = join(root, "home");
  mkdirSync(cwd);
  mkdirSync(join(home, ".config/openstack"), { recursive: true });
  return { root, cwd, home };
}

describe("clouds.yaml and OS_* resolution (openstacksdk's search order)", () => {
  it("searches OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack, /etc/openstack in that order", () => {
    const c = cloudsYamlCandidates({ OS_CLIENT_CONFIG_FILE: "/x/c.yaml" }, "/w", "/h");
    expect(c).toEqual(["/x/c.yaml", "/w/clouds.yaml", "/h/.config/openstack/clouds.yaml", "/etc/openstack/clouds.yaml"]);
    expect(cloudsYamlCandidates({}, "/w", "/h")[0]).toBe("/w/clouds.yaml");
  });

  it("takes the first file that has the cloud: the working directory wins over the home directory", () => {
    const { cwd, home } = dirs();
    writeFileSync(join(cwd, "clouds.yaml"), YAML("staging", "from-cwd"));
    writeFileSync(join(home, ".config/openstack/clouds.yaml"), YAML("staging", "from-home") + YAML("other", "x").replace("clouds:\n", ""));
    const cands = cloudsYamlCandidates({}, cwd, home);
    const c = loadCloudsYaml("staging", cands);
    expect(c).toMatchObject({
      name: "staging",
      username: "from-cwd",
      authUrl: "http://k:5000/v3",
      projectDomainName: "Default",
      regionName: "RegionOne",
      interface: "public",
    });
    expect(loadCloudsYaml("other", cands).username).toBe("x");
  });

  it("names the cloud and every searched path when no file has it", () => {
    const { cwd, home } = dirs();
    const err = (() => {
      try {
        loadCloudsYaml("nope", cloudsYamlCandidates({}, cwd, home));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CloudError);
    expect((err as CloudError).code).toBe("config");
    expect((err as CloudError).message).toContain('cloud "nope": no such cloud in clouds.yaml (searched: ');
    expect((err as CloudError).message).toContain(join(cwd, "clouds.yaml"));
  });

  it("a typo in the cloud name lists the clouds the files hold (names only)", () => {
    const { cwd } = dirs();
    writeFileSync(join(cwd, "clouds.yaml"), YAML("mycloud", "u"));
    expect(() => loadCloudsYaml("mycloudd", [join(cwd, "clouds.yaml")])).toThrow(
      /no such cloud in clouds\.yaml \(searched: .*\); clouds there: mycloud$/,
    );
    expect(() => loadCloudsYaml("constructor", [join(cwd, "clouds.yaml")])).toThrow(/no such cloud/);
  });

  it("a malformed clouds.yaml names the file, line and column, and never quotes it (a password may be on that line)", () => {
    const { cwd } = dirs();
    const file = join(cwd, "clouds.yaml");
    writeFileSync(file, "clouds:\n  x:\n    auth: { password: hunter2\n");
    let message = "";
    try {
      loadCloudsYaml("x", [file]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      new RegExp(`^cloud "x": ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: not valid YAML \\([A-Z_]+\\)$`),
    );
    expect(message).not.toContain("hunter2");
  });

  it("rejects an entry without a password", () => {
    const { cwd } = dirs();
    writeFileSync(join(cwd, "clouds.yaml"), YAML("s", "u").replace("      password: pw\n", ""));
    expect(() => loadCloudsYaml("s", [join(cwd, "clouds.yaml")])).toThrow(/clouds\.s\.auth\.password is missing/);
  });

  it("reads the OS_* variables when no --cloud is given, and says which one is missing", () => {
    const env = { OS_AUTH_URL: "http://k/v3", OS_USERNAME: "u", OS_PASSWORD: "p", OS_PROJECT_NAME: "demo", OS_USER_DOMAIN_NAME: "D1" };
    expect(resolveCloud(undefined, env)).toMatchObject({
      name: "envvars",
      username: "u",
      userDomainName: "D1",
      projectDomainName: "Default",
    });
    expect(() => cloudFromEnvironment({ OS_AUTH_URL: "http://k/v3" })).toThrow(/OS_USERNAME is not set/);
  });
});
