import "server-only";
import { hotRow, hotStatement } from "@/lib/server/hot-sql";
import type { Actor, Grant } from "./actor";

/** Loads the actor of a session; `null` for an unknown or disabled user. */
export async function loadActor(userId: string): Promise<Actor | null> {
  return findActor(userId, undefined);
}

/** Same, for a session token: `null` too when its version was revoked ("sign out everywhere"). */
export async function loadSessionActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  return findActor(userId, sessionVersion);
}

const SESSION_ACTOR = hotStatement(
  "session_actor",
  `select u.id, u.email, u.name, u.administration_id as "administrationId", a.ministry_id as "ministryId",
       coalesce((select json_agg(json_build_object('role', g.role, 'callId', g.call_id)) from role_grant g where g.user_id = u.id), '[]'::json) as grants
     from app_user u left join administration a on a.id = u.administration_id
     where u.id = $1::uuid and u.disabled_at is null and ($2::integer is null or u.session_version = $2::integer)`,
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One statement, on every signed-in request: the person, the ministry of
 * their administration and their grants (through Prisma, three queries one
 * after the other). Sent through node-postgres like the other hot statements
 * (lib/server/hot-sql.ts).
 */
async function findActor(userId: string, sessionVersion: number | undefined): Promise<Actor | null> {
  // A token's subject that is not a UUID names nobody (and must not reach a uuid cast).
  if (!UUID.test(userId)) return null;
  const row = await hotRow<{ id: string; email: string; name: string; administrationId: string | null; ministryId: string | null; grants: Grant[] }>(
    SESSION_ACTOR,
    [userId, sessionVersion ?? null],
  );
  if (!row) return null;
  return { userId: row.id, email: row.email, name: row.name, administrationId: row.administrationId, ministryId: row.ministryId, grants: row.grants };
}
