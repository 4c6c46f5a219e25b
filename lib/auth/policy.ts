/**
 * The one policy module: every page, route handler and server action asks
 * `can` / `authorize`. Deny by default: an action without a rule is refused.
 * Rules live per domain in lib/auth/rules/*.ts and are assembled here.
 */
import type { Viewer } from "./actor";
import { accountRules } from "./rules/account";
import { callRules } from "./rules/calls";
import { reviewRules } from "./rules/review";
import { publicationRules } from "./rules/publication";
import { dossierRules } from "./rules/dossiers";
import { juryRules } from "./rules/jury";
import { retentionRules } from "./rules/retention";
import { fileRules } from "./rules/files";

/** A rule answers for one action; `resource` is what the action touches, loaded on the server. */
export type Rule<R = unknown> = (viewer: Viewer, resource: R) => boolean;

const RULES = {
  ...callRules,
  ...reviewRules,
  ...publicationRules,
  ...accountRules,
  ...dossierRules,
  ...juryRules,
  ...retentionRules,
  ...fileRules,
} satisfies Record<string, Rule<never>>;

export type Action = keyof typeof RULES;
export type ResourceOf<A extends Action> = Parameters<(typeof RULES)[A]>[1];

export function can<A extends Action>(viewer: Viewer, action: A, resource: ResourceOf<A>): boolean {
  const rule = RULES[action] as Rule<ResourceOf<A>> | undefined;
  if (!rule) return false;
  try {
    return rule(viewer, resource) === true;
  } catch {
    return false;
  }
}

export class ForbiddenError extends Error {
  override name = "ForbiddenError";
  constructor(readonly action: string) {
    super(`forbidden: ${action}`);
  }
}

export function authorize<A extends Action>(viewer: Viewer, action: A, resource: ResourceOf<A>): void {
  if (!can(viewer, action, resource)) throw new ForbiddenError(action);
}
