import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/server/db";
import { fromMinutes, type AuditionDay } from "./audition-slots";
import { storedDays } from "./audition.schema";
import { parisWallClock } from "@/lib/time";

export type AuditionPlanning = {
  call: { id: string; slug: string; title: string };
  version: number;
  location: string | null;
  videoUrl: string | null;
  days: AuditionDay[];
  slots: { id: string; day: string; start: string; end: string; dossierId: string | null; convoked: boolean }[];
  preselected: { id: string; reference: string | null; title: string; administration: string }[];
};

const hhmm = (instant: Date) => {
  const w = parisWallClock(instant);
  return fromMinutes(w.hour * 60 + w.minute);
};

/** A call's audition planning, or null when the actor may not plan it. */
export async function getAuditionPlanning(actor: Actor, slug: string): Promise<AuditionPlanning | null> {
  const call = await db.call.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, phase: true } });
  if (!call || !can(actor, "review.auditions", call)) return null;
  const [plan, preselected] = await Promise.all([
    db.auditionPlan.findUnique({
      where: { callId: call.id },
      select: {
        version: true,
        days: true,
        location: true,
        videoUrl: true,
        slots: { orderBy: { startsAt: "asc" }, select: { id: true, day: true, startsAt: true, endsAt: true, dossierId: true, convokedAt: true } },
      },
    }),
    db.dossier.findMany({
      where: { callId: call.id, status: "PRESELECTED" },
      orderBy: [{ reference: "asc" }, { id: "asc" }],
      select: { id: true, reference: true, title: true, administration: { select: { name: true } } },
    }),
  ]);
  return {
    call: { id: call.id, slug: call.slug, title: call.title },
    version: plan?.version ?? 0,
    location: plan?.location ?? null,
    videoUrl: plan?.videoUrl ?? null,
    days: storedDays.parse(plan?.days ?? []),
    slots: (plan?.slots ?? []).map((s) => ({ id: s.id, day: s.day, start: hhmm(s.startsAt), end: hhmm(s.endsAt), dossierId: s.dossierId, convoked: s.convokedAt !== null })),
    preselected: preselected.map((d) => ({ id: d.id, reference: d.reference, title: d.title, administration: d.administration.name })),
  };
}
