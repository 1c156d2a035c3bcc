/**
 * The caller of an API operation (`cinder/context.py:RequestContext`): the token's user and
 * project scope, roles and the negotiated microversion.
 */
export interface RequestContext {
  readonly userId: string;
  readonly projectId: string;
  readonly roles: readonly string[];
  /** Role `admin` (policy `rule:admin_api`). */
  readonly isAdmin: boolean;
  /** Negotiated Block Storage microversion, e.g. `{ major: 3, minor: 70 }`. */
  readonly microversion: Microversion;
  readonly requestId: string;
}

export interface Microversion {
  readonly major: number;
  readonly minor: number;
}

export function atLeast(mv: Microversion, minor: number): boolean {
  return mv.major > 3 || (mv.major === 3 && mv.minor >= minor);
}
