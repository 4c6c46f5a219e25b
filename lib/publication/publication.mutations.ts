import "server-only";
import { appendAudit } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { enqueueMail } from "@/lib/mail/outbox";
import { db } from "@/lib/server/db";
import type { Tx } from "@/lib/server/prisma";
import { fail, ok, type Result } from "@/lib/server/result";
import { isUuid } from "@/lib/validation/ids";
import { releaseDraftedFeedbacks } from "@/lib/jury/jury.mutations";
import { composeDecisionMail } from "./decision-mail";
import { publicationBlocker } from "./publish-rules";
import { siteUrl } from "./site-url";

/**
 * Where the jury's feedback summaries come from (dossier id → text). By
 * default the drafts staff prepared are released with the results, in the
 * publication's transaction and at its instant (decision 013): the applicant
 * sees them on their dossier and in the decision e-mail.
 */
export type FeedbackSource = (tx: Tx, callId: string, publishedAt: Date) => Promise<ReadonlyMap<string, string>>;
export const noFeedbackYet: FeedbackSource = async () => new Map();
export const releaseJuryFeedback: FeedbackSource = (tx, callId, publishedAt) => releaseDraftedFeedbacks(tx, callId, publishedAt);

export type Published = { slug: string; publishedAt: Date; laureates: number; notRetained: number; mails: number };

/**
 * The one deliberate act: checks, flips the call to RESULTS_PUBLISHED,
 * enqueues every decision e-mail and writes the audit event, all in one
 * transaction (the call row is locked: two staff clicking at once publish once).
 * The caller invalidates the public caches after commit.
 */
export async function publishResults(actor: Actor, callId: string, feedback: FeedbackSource = releaseJuryFeedback): Promise<Result<Published>> {
  if (!isUuid(callId)) return fail("NOT_FOUND");
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`select id from call where id = ${callId}::uuid for update`;
    const call = await tx.call.findUnique({
      where: { id: callId },
      select: { id: true, slug: true, title: true, phase: true, deliberationLockedAt: true, resultsPublishedAt: true },
    });
    if (!call || !can(actor, "publication.publish", call)) return fail(call ? "FORBIDDEN" : "NOT_FOUND");
    const blocker = publicationBlocker(call);
    if (blocker) return fail("CONFLICT", blocker);

    const publishedAt = new Date();
    await tx.call.update({
      where: { id: call.id },
      data: { phase: "RESULTS_PUBLISHED", resultsPublishedAt: publishedAt, version: { increment: 1 } },
    });

    const decided = await tx.dossier.findMany({
      where: { callId: call.id, status: { in: ["LAUREATE", "NOT_RETAINED"] }, reference: { not: null } },
      orderBy: { reference: "asc" },
      select: {
        id: true,
        reference: true,
        title: true,
        status: true,
        grantedCents: true,
        administration: { select: { users: { where: { disabledAt: null }, orderBy: { email: "asc" }, select: { id: true, email: true } } } },
      },
    });
    const summaries = await feedback(tx, call.id, publishedAt);
    const resultsUrl = siteUrl(`/appels/${call.slug}/resultats`);
    let mails = 0;
    for (const d of decided) {
      const mail = composeDecisionMail({
        callTitle: call.title,
        resultsUrl,
        dossier: {
          reference: d.reference!,
          title: d.title,
          status: d.status as "LAUREATE" | "NOT_RETAINED",
          grantedCents: d.grantedCents === null ? null : Number(d.grantedCents),
        },
        feedbackSummary: summaries.get(d.id) ?? null,
      });
      for (const user of d.administration.users) {
        await enqueueMail(tx, { dedupeKey: `results-decision:${d.id}:${user.id}`, to: user.email, ...mail });
        mails++;
      }
    }
    const laureates = decided.filter((d) => d.status === "LAUREATE").length;
    const published: Published = { slug: call.slug, publishedAt, laureates, notRetained: decided.length - laureates, mails };
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "call.results_published",
      entityType: "call",
      entityId: call.id,
      data: { slug: call.slug, laureates, notRetained: published.notRetained, mails },
    });
    return ok(published);
  });
}
