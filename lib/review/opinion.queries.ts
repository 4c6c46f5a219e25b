import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { DossierContent } from "@/lib/dossiers/dossier.schema";
import { db } from "@/lib/server/db";

/** An opinion as staff read it on their view of the dossier. */
export type StaffOpinion = {
  id: string;
  expertName: string;
  expertEmail: string;
  requestedBy: string | null;
  message: string;
  question: string | null;
  dueAt: Date;
  confidential: boolean;
  answerYes: boolean | null;
  opinion: string | null;
  answeredAt: Date | null;
  createdAt: Date;
};

/** The opinions asked on a dossier, for staff of its call; null otherwise. */
export async function listOpinionsForStaff(actor: Actor, dossierId: string): Promise<StaffOpinion[] | null> {
  const dossier = await db.dossier.findUnique({ where: { id: dossierId }, select: { callId: true, status: true } });
  if (!dossier || dossier.status === "DRAFT" || !can(actor, "review.opinion", dossier)) return null;
  const rows = await db.expertOpinion.findMany({
    where: { dossierId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      message: true,
      question: true,
      dueAt: true,
      confidential: true,
      answerYes: true,
      opinion: true,
      answeredAt: true,
      createdAt: true,
      expert: { select: { name: true, email: true } },
      requestedBy: { select: { name: true } },
    },
  });
  return rows.map(({ expert, requestedBy, ...r }) => ({ ...r, expertName: expert.name, expertEmail: expert.email, requestedBy: requestedBy?.name ?? null }));
}

export type MyOpinionRequest = { id: string; dossierTitle: string; reference: string | null; callTitle: string; dueAt: Date; answeredAt: Date | null; withdrawn: boolean };

/** The requests addressed to the signed-in person, newest due date last. */
export async function listMyOpinionRequests(actor: Actor): Promise<MyOpinionRequest[]> {
  const rows = await db.expertOpinion.findMany({
    where: { expertId: actor.userId },
    orderBy: [{ answeredAt: { sort: "asc", nulls: "first" } }, { dueAt: "asc" }, { id: "asc" }],
    select: { id: true, dueAt: true, answeredAt: true, dossier: { select: { title: true, reference: true, status: true, call: { select: { title: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    dossierTitle: r.dossier.title,
    reference: r.dossier.reference,
    callTitle: r.dossier.call.title,
    dueAt: r.dueAt,
    answeredAt: r.answeredAt,
    withdrawn: r.dossier.status === "WITHDRAWN",
  }));
}

export type ExpertView = {
  id: string;
  message: string;
  question: string | null;
  dueAt: Date;
  confidential: boolean;
  answerYes: boolean | null;
  opinion: string | null;
  answeredAt: Date | null;
  requestedBy: string | null;
  dossier: {
    title: string;
    reference: string | null;
    summary: string;
    withdrawn: boolean;
    submittedAt: Date | null;
    requestedCents: bigint;
    totalCostCents: bigint;
    administration: string;
    ministry: string;
    category: string | null;
    callTitle: string;
    content: DossierContent;
  };
  /** Once their own is given: the other experts' opinions that are not confidential. */
  peers: { expertName: string; answerYes: boolean | null; opinion: string; answeredAt: Date }[];
};

/**
 * What an expert reads: the dossier of their own request, nothing else.
 * Another person's request answers null, like one that does not exist.
 */
export async function getOpinionForExpert(actor: Actor, opinionId: string): Promise<ExpertView | null> {
  const r = await db.expertOpinion.findUnique({
    where: { id: opinionId },
    select: {
      id: true,
      expertId: true,
      dossierId: true,
      message: true,
      question: true,
      dueAt: true,
      confidential: true,
      answerYes: true,
      opinion: true,
      answeredAt: true,
      requestedBy: { select: { name: true } },
      dossier: {
        select: {
          title: true,
          reference: true,
          summary: true,
          status: true,
          submittedAt: true,
          requestedCents: true,
          totalCostCents: true,
          content: true,
          administration: { select: { name: true, ministry: { select: { name: true } } } },
          category: { select: { label: true } },
          call: { select: { title: true } },
        },
      },
    },
  });
  if (!r || !can(actor, "opinion.give", r)) return null;
  const peers = r.answeredAt
    ? await db.expertOpinion.findMany({
        where: { dossierId: r.dossierId, id: { not: r.id }, confidential: false, answeredAt: { not: null }, opinion: { not: null } },
        orderBy: [{ answeredAt: "asc" }, { id: "asc" }],
        select: { answerYes: true, opinion: true, answeredAt: true, expert: { select: { name: true } } },
      })
    : [];
  const d = r.dossier;
  return {
    id: r.id,
    message: r.message,
    question: r.question,
    dueAt: r.dueAt,
    confidential: r.confidential,
    answerYes: r.answerYes,
    opinion: r.opinion,
    answeredAt: r.answeredAt,
    requestedBy: r.requestedBy?.name ?? null,
    dossier: {
      title: d.title,
      reference: d.reference,
      summary: d.summary,
      withdrawn: d.status === "WITHDRAWN",
      submittedAt: d.submittedAt,
      requestedCents: d.requestedCents,
      totalCostCents: d.totalCostCents,
      administration: d.administration.name,
      ministry: d.administration.ministry.name,
      category: d.category?.label ?? null,
      callTitle: d.call.title,
      content: d.content as DossierContent,
    },
    peers: peers.map((p) => ({ expertName: p.expert.name, answerYes: p.answerYes, opinion: p.opinion!, answeredAt: p.answeredAt! })),
  };
}
