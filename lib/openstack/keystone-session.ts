import type { CloudConfig } from "./cloud-config.ts";
import { CloudError } from "./errors.ts";
import type { HttpTransport } from "./http-transport.ts";

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region_id?: string; region?: string; url: string }[];
}

/** A Keystone v3 token and its catalog (POST /v3/auth/tokens, password method, project scope). */
export interface KeystoneToken {
  token: string;
  projectId: string;
  catalog: CatalogEntry[];
}

export async function passwordAuth(cloud: CloudConfig, http: HttpTransport): Promise<KeystoneToken> {
  const url = `${cloud.authUrl.replace(/\/+$/, "").replace(/\/v3$/, "")}/v3/auth/tokens`;
  const body = {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: cloud.username, domain: { name: cloud.userDomainName }, password: cloud.password } },
      },
      scope: { project: { name: cloud.projectName, domain: { name: cloud.projectDomainName } } },
    },
  };
  const res = await http.send("keystone auth", { method: "POST", url, body });
  if (res.status === 401)
    throw new CloudError(
      "auth",
      cloud.name,
      `Keystone at ${cloud.authUrl} refused the credentials of user ${cloud.username} (401)`,
      401,
      res.body,
    );
  if (res.status !== 201 && res.status !== 200)
    throw new CloudError("auth", cloud.name, `Keystone at ${cloud.authUrl} answered ${res.status} to password auth`, res.status, res.body);
  const token = res.headers.get("x-subject-token");
  const t = (res.body as { token?: { project?: { id?: string }; catalog?: CatalogEntry[] } } | undefined)?.token;
  if (!token || !t?.project?.id) throw new CloudError("auth", cloud.name, "Keystone's answer has no token or project scope");
  return { token, projectId: t.project.id, catalog: t.catalog ?? [] };
}

/** The endpoint of the first service type present (e.g. block-storage, volumev3) for the
 *  cloud's interface and region; a CloudError("catalog") naming what is missing. */
export function endpointFor(cloud: CloudConfig, token: KeystoneToken, types: readonly string[]): string {
  for (const type of types) {
    const entry = token.catalog.find((c) => c.type === type);
    const ep = entry?.endpoints.find(
      (e) => e.interface === cloud.interface && (!cloud.regionName || (e.region_id ?? e.region) === cloud.regionName),
    );
    if (ep) return ep.url.replace(/\/+$/, "");
  }
  const have = token.catalog.map((c) => c.type).join(", ") || "nothing";
  throw new CloudError(
    "catalog",
    cloud.name,
    `the catalog has no ${cloud.interface} endpoint of type ${types.join(" or ")}${cloud.regionName ? ` in region ${cloud.regionName}` : ""} (it has: ${have})`,
  );
}
