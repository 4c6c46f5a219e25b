import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { budgetTotals } from "@/lib/dossiers/budget";
import { stepSchemas, type DossierContent } from "@/lib/dossiers/dossier.schema";
import type { AdministrationKind, CallPhase, DossierStatus } from "@/lib/generated/prisma/enums";
import { attachmentListSelect, toAttachmentDto, type AttachmentDto } from "@/lib/files/attachment.schema";
import { db } from "@/lib/server/db";
import { evaluateEligibility, type Eligibility } from "./eligibility";
import type { PreselectionKind } from "./review.schema";

export type StaffMember = { id: string; name: string; email: string };
export type TagDto = { id: string; label: string; colour: string };

export type StaffDossier = {
  id: string;
  reference: string | null;
  title: string;
  summary: string;
  status: DossierStatus;
  version: number;
  submittedAt: Date | null;
  requestedCents: bigint;
  totalCostCents: bigint;
  content: DossierContent;
  attachments: AttachmentDto[];
  budgetLines: { nature: string; year: number; label: string; amountCents: number }[];
  administration: { name: string; kind: AdministrationKind; ministry: string };
  category: string | null;
  call: { id: string; slug: string; title: string; phase: CallPhase; kind: "CALL" | "ROLLING" };
  history: { status: DossierStatus; at: Date; message: string | null; actor: string | null }[];
  annotations: { id: string; body: string; createdAt: Date; author: string | null }[];
  corrections: { id: string; message: string; dueAt: Date; requestedAt: Date; requestedBy: string | null; answer: string | null; answeredAt: Date | null; resubmittedAt: Date | null }[];
  assignees: string[];
  staff: StaffMember[];
  tags: string[];
  callTags: TagDto[];
  eligibility: Eligibility;
  decision: { decision: PreselectionKind; reason: string; version: number; decidedAt: Date; decidedBy: string | null; releasedAt: Date | null } | null;
};

/** Staff of a call (and administrators): who can be assigned its dossiers. */
export async function listCallStaff(callId: string): Promise<StaffMember[]> {
  return db.user.findMany({
    where: { disabledAt: null, roles: { some: { OR: [{ role: "STAFF", OR: [{ callId: null }, { callId }] }, { role: "ADMIN", callId: null }] } } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

/**
 * The staff view of one dossier of a call, or null when the actor may not
 * see it (not staff of that call, a draft, another call's dossier).
 * Private annotations are read here and nowhere an applicant goes.
 */
export async function getStaffDossier(actor: Actor, slug: string, id: string): Promise<StaffDossier | null> {
  const d = await db.dossier.findFirst({
    where: { id, call: { slug }, status: { not: "DRAFT" } },
    select: {
      id: true,
      callId: true,
      reference: true,
      title: true,
      summary: true,
      status: true,
      version: true,
      submittedAt: true,
      requestedCents: true,
      totalCostCents: true,
      content: true,
      administration: { select: { name: true, kind: true, ministry: { select: { name: true } } } },
      category: { select: { label: true } },
      call: { select: { id: true, slug: true, title: true, phase: true, kind: true, maxRequestedCents: true, minRequestedCents: true, maxRateBps: true } },
      events: { orderBy: { at: "asc" }, select: { status: true, at: true, message: true, actorId: true } },
      annotations: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
      corrections: {
        orderBy: { requestedAt: "asc" },
        select: { id: true, message: true, dueAt: true, requestedAt: true, answer: true, answeredAt: true, resubmittedAt: true, requestedBy: { select: { name: true } } },
      },
      assignments: { select: { userId: true } },
      tags: { select: { tagId: true } },
      eligibilityTicks: { select: { itemKey: true, met: true } },
      preselection: { select: { decision: true, reason: true, version: true, decidedAt: true, releasedAt: true, decidedBy: { select: { name: true } } } },
      attachments: attachmentListSelect,
    },
  });
  if (!d || !can(actor, "review.read", d)) return null;
  const [staff, callTags, actors] = await Promise.all([
    listCallStaff(d.callId),
    db.reviewTag.findMany({ where: { callId: d.callId }, orderBy: { label: "asc" }, select: { id: true, label: true, colour: true } }),
    db.user.findMany({ where: { id: { in: d.events.map((e) => e.actorId).filter((x): x is string => !!x) } }, select: { id: true, name: true } }),
  ]);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const content = d.content as DossierContent;
  const budget = stepSchemas.budget.safeParse(content.budget);
  const { maxRequestedCents, minRequestedCents, maxRateBps, ...call } = d.call;
  return {
    id: d.id,
    reference: d.reference,
    title: d.title,
    summary: d.summary,
    status: d.status,
    version: d.version,
    submittedAt: d.submittedAt,
    requestedCents: d.requestedCents,
    totalCostCents: d.totalCostCents,
    content,
    attachments: d.attachments.map(toAttachmentDto),
    budgetLines: budget.success ? budget.data.lines : [],
    administration: { name: d.administration.name, kind: d.administration.kind, ministry: d.administration.ministry.name },
    category: d.category?.label ?? null,
    call,
    history: d.events.map((e) => ({ status: e.status, at: e.at, message: e.message, actor: e.actorId ? (names.get(e.actorId) ?? null) : null })),
    annotations: d.annotations.map((a) => ({ id: a.id, body: a.body, createdAt: a.createdAt, author: a.author?.name ?? null })),
    corrections: d.corrections.map(({ requestedBy, ...c }) => ({ ...c, requestedBy: requestedBy?.name ?? null })),
    assignees: d.assignments.map((a) => a.userId),
    staff,
    tags: d.tags.map((t) => t.tagId),
    callTags,
    eligibility: evaluateEligibility(
      {
        administrationKind: d.administration.kind,
        requestedCents: d.requestedCents,
        totalCostCents: d.totalCostCents,
        content,
        call: { maxRequestedCents, minRequestedCents, maxRateBps },
      },
      new Map(d.eligibilityTicks.map((t) => [t.itemKey, t.met])),
    ),
    decision: d.preselection
      ? { decision: d.preselection.decision, reason: d.preselection.reason, version: d.preselection.version, decidedAt: d.preselection.decidedAt, releasedAt: d.preselection.releasedAt, decidedBy: d.preselection.decidedBy?.name ?? null }
      : null,
  };
}

/** Budget total of a dossier's lines (the form's), for display. */
export const linesTotal = (lines: StaffDossier["budgetLines"]) => budgetTotals(lines as Parameters<typeof budgetTotals>[0]).totalCents;
