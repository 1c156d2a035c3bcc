import { readFileSync, statSync } from "node:fs";

/** One account of `cbh serve --users FILE`: a user with a role on a project. */
export interface AccountLine {
  user: string;
  password: string;
  project: string;
  role: "admin" | "member" | "reader";
  line: number;
}

/** A users file that cannot be used; the message cites `FILE:LINE` and never the file's contents. */
export class UsersFileError extends Error {
  readonly code = "CBH_USERS_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "UsersFileError";
  }
}

const MAX_FILE_BYTES = 256 * 1024;
const NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
const ROLES = new Set(["admin", "member", "reader"]);

export const USERS_FILE_FORMAT = "one account a line: USER PASSWORD PROJECT ROLE (role admin, member or reader); # starts a comment";

/** Reads `--users FILE`; see USERS_FILE_FORMAT. */
export function loadUsersFile(file: string): AccountLine[] {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    throw new UsersFileError(`${file}: cannot read the users file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  // A directory, a FIFO or a device (/dev/zero) has no size to check: reading it could hang or never end.
  if (!st.isFile()) throw new UsersFileError(`${file}: the users file is not a regular file`);
  const size = st.size;
  if (size > MAX_FILE_BYTES) throw new UsersFileError(`${file}: the users file is larger than ${MAX_FILE_BYTES} bytes`);
  return parseUsersFile(readFileSync(file, "utf8"), file);
}

export function parseUsersFile(text: string, file: string): AccountLine[] {
  const out: AccountLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const at = `${file}:${line}`;
    const body = raw.replace(/^\s*#.*$/, "").trim();
    if (body === "") return;
    const f = body.split(/[ \t]+/);
    if (f.length !== 4) throw new UsersFileError(`${at}: expected 4 fields (${USERS_FILE_FORMAT}), found ${f.length}`);
    const [user, password, project, role] = f as [string, string, string, string];
    if (!NAME.test(user)) throw new UsersFileError(`${at}: the user name must be 1 to 64 letters, digits or _.@-`);
    if (password.length < 1 || password.length > 128)
      throw new UsersFileError(`${at}: the password must be 1 to 128 characters without spaces`);
    if (!NAME.test(project)) throw new UsersFileError(`${at}: the project name must be 1 to 64 letters, digits or _.@-`);
    if (!ROLES.has(role)) throw new UsersFileError(`${at}: the role must be admin, member or reader`);
    const same = out.find((a) => a.user === user);
    if (same && same.password !== password)
      throw new UsersFileError(`${at}: the password differs from the one on line ${same.line} for the same user`);
    if (out.some((a) => a.user === user && a.project === project))
      throw new UsersFileError(`${at}: repeats the user and project of an earlier line`);
    out.push({ user, password, project, role: role as AccountLine["role"], line });
  });
  if (out.length === 0) throw new UsersFileError(`${file}: no accounts (${USERS_FILE_FORMAT})`);
  return out;
}
