import "server-only";
import { db } from "@/lib/server/db";
import type { Actor } from "./actor";

/** Loads the actor of a session; `null` for an unknown or disabled user. */
export async function loadActor(userId: string): Promise<Actor | null> {
  return findActor(userId, undefined);
}

/** Same, for a session token: `null` too when its version was revoked ("sign out everywhere"). */
export async function loadSessionActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  return findActor(userId, sessionVersion);
}

async function findActor(userId: string, sessionVersion: number | undefined): Promise<Actor | null> {
  const user = await db.user.findFirst({
    where: { id: userId, disabledAt: null, ...(sessionVersion === undefined ? {} : { sessionVersion }) },
    select: {
      id: true,
      email: true,
      name: true,
      administrationId: true,
      administration: { select: { ministryId: true } },
      roles: { select: { role: true, callId: true } },
    },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    administrationId: user.administrationId,
    ministryId: user.administration?.ministryId ?? null,
    grants: user.roles,
  };
}
