/** Loopback addresses: 127.0.0.0/8, ::1 and `localhost`; anything else is reachable from other machines. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The warning `cbh serve` prints when it binds a non-loopback address: plain HTTP, and either
 * the fixed well-known credentials or the accounts of `--users FILE`.
 */
export function exposureWarning(listenUrl: string, usersFile: string | undefined): string {
  const creds = usersFile
    ? `with the accounts of ${usersFile}`
    : "with the FIXED credentials admin/admin (admin role) and demo/demo that anyone can guess; pass --users FILE to replace them";
  return `cbh serve: WARNING: listening on ${listenUrl}, reachable from other machines, over plain HTTP, ${creds}\n`;
}
