import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/server/db";
import { MAX_VIEWS_PER_CALL, normaliseViewQuery } from "./inbox-view.schema";

/**
 * A saved view as the inbox shows it: its query parsed again by the inbox's
 * own parser (a view saved before a filter was renamed or removed still opens,
 * without what is no longer understood, and says so in `ignored`).
 */
export type InboxViewDto = { id: string; name: string; query: string; ignored: string[] };

/** The session user's views of a call, by name. The caller has checked `review.inbox` on the call. */
export async function listInboxViews(actor: Actor, callId: string): Promise<InboxViewDto[]> {
  const views = await db.inboxView.findMany({
    where: { userId: actor.userId, callId },
    select: { id: true, name: true, query: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MAX_VIEWS_PER_CALL,
  });
  return views.map((v) => {
    const { query, ignored } = normaliseViewQuery(v.query);
    return { id: v.id, name: v.name, query, ignored };
  });
}
