import { randomBytes } from "node:crypto";
import type { Project, User } from "./directory.ts";

/** An issued token (`keystone/models/token_model.py`): who, which project, until when. */
export interface IssuedToken {
  id: string;
  user: User;
  project: Project;
  roles: string[];
  methods: string[];
  issuedAt: number;
  expiresAt: number;
  auditId: string;
}

export interface TokenStoreOptions {
  /** Token lifetime in seconds (keystone's `[token] expiration`, default 3600). */
  ttlSeconds: number;
  /** Wall clock (ms since epoch); injectable for tests. */
  now?: () => number;
  /** Most live tokens kept; the oldest are dropped beyond it, so memory stays bounded. */
  maxTokens?: number;
}

/** Random bearer tokens with expiry and revocation. Lives outside sim/, so real crypto is fine. */
export class TokenStore {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #max: number;

  constructor(opts: TokenStoreOptions) {
    this.#ttlMs = opts.ttlSeconds * 1000;
    this.#now = opts.now ?? Date.now;
    this.#max = opts.maxTokens ?? 10_000;
  }

  issue(user: User, project: Project, methods: string[]): IssuedToken {
    this.#purge();
    const now = this.#now();
    const token: IssuedToken = {
      id: `gAAAAA${randomBytes(48).toString("base64url")}`,
      user,
      project,
      roles: user.roles[project.id] ?? [],
      methods,
      issuedAt: now,
      expiresAt: now + this.#ttlMs,
      auditId: randomBytes(16).toString("base64url").slice(0, 22),
    };
    this.#tokens.set(token.id, token);
    while (this.#tokens.size > this.#max) {
      const oldest = this.#tokens.keys().next().value;
      if (oldest === undefined) break;
      this.#tokens.delete(oldest);
    }
    return token;
  }

  /** The live token with this id, or undefined (unknown, revoked or expired). */
  validate(id: string | undefined): IssuedToken | undefined {
    if (!id) return undefined;
    const t = this.#tokens.get(id);
    if (!t) return undefined;
    if (t.expiresAt <= this.#now()) {
      this.#tokens.delete(id);
      return undefined;
    }
    return t;
  }

  revoke(id: string): boolean {
    return this.#tokens.delete(id);
  }

  /** Revokes every token matching (a deleted user's or project's). */
  revokeWhere(pred: (t: IssuedToken) => boolean): void {
    for (const [id, t] of this.#tokens) if (pred(t)) this.#tokens.delete(id);
  }

  /**
   * Keystone computes a token's roles when it validates it, so a grant or revocation applies to
   * tokens already issued; a token left without a role on its project is invalid.
   */
  refreshRoles(userId: string, projectId: string, roles: string[]): void {
    for (const [id, t] of this.#tokens) {
      if (t.user.id !== userId || t.project.id !== projectId) continue;
      if (roles.length) t.roles = [...roles];
      else this.#tokens.delete(id);
    }
  }

  get size(): number {
    return this.#tokens.size;
  }

  #purge(): void {
    const now = this.#now();
    for (const [id, t] of this.#tokens) if (t.expiresAt <= now) this.#tokens.delete(id);
  }
}
