import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { DossierStatus } from "@/lib/generated/prisma/enums";
import { definitionFromRow, type QuestionDefinition } from "@/lib/calls/question-definition";
import { db } from "@/lib/server/db";
import { hotRow, hotStatement } from "@/lib/server/hot-sql";
import { attachmentListSelect, toAttachmentDto, type AttachmentDto } from "@/lib/files/attachment.schema";
import type { DossierContent } from "./dossier.schema";

/** An id that matches no administration: an actor without one sees nothing. */
const NONE = "00000000-0000-0000-0000-000000000000";

export type DossierForEdit = {
  id: string;
  status: DossierStatus;
  version: number;
  content: DossierContent;
  reference: string | null;
  updatedAt: string;
  attachments: AttachmentDto[];
  /** Staff's open request for a correction, if any (message, due date, the applicant's answer). */
  correction: { message: string; dueAt: string; answer: string | null; answeredAt: string | null } | null;
  call: {
    slug: string;
    title: string;
    kind: "CALL" | "ROLLING";
    closesAt: string | null;
    maxRequestedCents: string | null;
    minRequestedCents: string | null;
    maxRateBps: number | null;
    categories: { key: string; label: string }[];
    questions: QuestionDefinition[];
  };
};

/** A dossier of the actor's administration, as the form needs it (plain, serialisable). */
export async function getDossierForEdit(actor: Actor, id: string): Promise<DossierForEdit | null> {
  const d = await db.dossier.findFirst({
    where: { id, administrationId: actor.administrationId ?? NONE },
    select: {
      id: true,
      callId: true,
      administrationId: true,
      status: true,
      version: true,
      content: true,
      reference: true,
      updatedAt: true,
      attachments: attachmentListSelect,
      corrections: {
        where: { resubmittedAt: null },
        orderBy: { requestedAt: "desc" },
        take: 1,
        select: { message: true, dueAt: true, answer: true, answeredAt: true },
      },
      call: {
        select: {
          slug: true,
          title: true,
          kind: true,
          closesAt: true,
          maxRequestedCents: true,
          minRequestedCents: true,
          maxRateBps: true,
          categories: { orderBy: { position: "asc" }, select: { key: true, label: true } },
          questions: { orderBy: { position: "asc" }, select: { key: true, type: true, label: true, helpText: true, required: true, config: true } },
        },
      },
    },
  });
  if (!d || !can(actor, "dossier.read", d)) return null;
  return {
    id: d.id,
    status: d.status,
    version: d.version,
    content: d.content as DossierContent,
    reference: d.reference,
    updatedAt: d.updatedAt.toISOString(),
    attachments: d.attachments.map(toAttachmentDto),
    correction:
      d.status === "CORRECTION_REQUESTED" && d.corrections[0]
        ? {
            message: d.corrections[0].message,
            dueAt: d.corrections[0].dueAt.toISOString(),
            answer: d.corrections[0].answer,
            answeredAt: d.corrections[0].answeredAt?.toISOString() ?? null,
          }
        : null,
    call: {
      ...d.call,
      closesAt: d.call.closesAt?.toISOString() ?? null,
      maxRequestedCents: d.call.maxRequestedCents?.toString() ?? null,
      minRequestedCents: d.call.minRequestedCents?.toString() ?? null,
      questions: d.call.questions.map(definitionFromRow),
    },
  };
}

export type HistoryEntry = { status: DossierStatus; at: Date; message: string | null };

export type MyDossier = {
  id: string;
  title: string;
  reference: string | null;
  status: DossierStatus;
  callTitle: string;
  requestedCents: bigint;
  submittedAt: Date | null;
  updatedAt: Date;
  history: HistoryEntry[];
};

/** « Mes dossiers »: every dossier of the actor's administration, newest first, with its history. */
export async function listMyDossiers(actor: Actor): Promise<MyDossier[]> {
  if (!can(actor, "dossier.list", null)) return [];
  const rows = await db.dossier.findMany({
    where: { administrationId: actor.administrationId ?? NONE },
    orderBy: [{ updatedAt: "desc" }],
    select: {
      id: true,
      title: true,
      reference: true,
      status: true,
      requestedCents: true,
      submittedAt: true,
      decidedAt: true,
      updatedAt: true,
      call: { select: { title: true } },
      events: { orderBy: { at: "asc" }, select: { status: true, at: true, message: true } },
    },
  });
  return rows.map((r) => {
    let history: HistoryEntry[] = r.events;
    // Dossiers imported without history (the 2021 round): rebuild what the columns tell.
    if (history.length === 0) {
      history = [];
      if (r.submittedAt) history.push({ status: "SUBMITTED", at: r.submittedAt, message: "Dossier déposé." });
      if (r.status !== "SUBMITTED" && r.status !== "DRAFT") history.push({ status: r.status, at: r.decidedAt ?? r.updatedAt, message: null });
    }
    return {
      id: r.id,
      title: r.title,
      reference: r.reference,
      status: r.status,
      callTitle: r.call.title,
      requestedCents: r.requestedCents,
      submittedAt: r.submittedAt,
      updatedAt: r.updatedAt,
      history,
    };
  });
}

export type Acknowledgement = {
  id: string;
  reference: string;
  title: string;
  callTitle: string;
  administrationName: string;
  submittedAt: Date;
  requestedCents: bigint;
  totalCostCents: bigint;
  status: DossierStatus;
  attachments: AttachmentDto[];
  /** The jury's feedback, once released with the results (decision 013); never a draft. */
  juryFeedback: { text: string; releasedAt: Date } | null;
};

export async function getAcknowledgement(actor: Actor, id: string): Promise<Acknowledgement | null> {
  const d = await db.dossier.findFirst({
    where: { id, administrationId: actor.administrationId ?? NONE, reference: { not: null }, submittedAt: { not: null } },
    select: {
      id: true,
      callId: true,
      administrationId: true,
      reference: true,
      title: true,
      submittedAt: true,
      requestedCents: true,
      totalCostCents: true,
      status: true,
      call: { select: { title: true, resultsPublishedAt: true } },
      administration: { select: { name: true } },
      attachments: attachmentListSelect,
      juryDossier: { select: { feedbackDraft: true, feedbackReleasedAt: true } },
    },
  });
  if (!d || !can(actor, "dossier.read", d)) return null;
  // Only a released text, on a call whose results are out: a draft is never shown to the applicant.
  const released = d.juryDossier && d.juryDossier.feedbackReleasedAt && d.juryDossier.feedbackDraft && d.call.resultsPublishedAt ? d.juryDossier : null;
  return {
    id: d.id,
    reference: d.reference!,
    title: d.title,
    callTitle: d.call.title,
    administrationName: d.administration.name,
    submittedAt: d.submittedAt!,
    requestedCents: d.requestedCents,
    totalCostCents: d.totalCostCents,
    status: d.status,
    attachments: d.attachments.map(toAttachmentDto),
    juryFeedback: released ? { text: released.feedbackDraft!, releasedAt: released.feedbackReleasedAt! } : null,
  };
}

/** The call a new dossier answers, for the « Déposer un dossier » page. */
export async function getCallForApplication(slug: string) {
  return db.call.findFirst({
    where: { slug, phase: { not: "DRAFT" } },
    select: { id: true, slug: true, title: true, kind: true, phase: true, opensAt: true, closesAt: true },
  });
}

/** What a submission builds on, read in one round trip (lib/dossiers/dossier.mutations.ts#submitDossier). */
export type SubmissionState = {
  dossier: {
    id: string;
    callId: string;
    administrationId: string;
    status: DossierStatus;
    version: number;
    content: unknown;
    reference: string | null;
    submittedAt: Date | null;
    call: { title: string; kind: "CALL" | "ROLLING"; phase: string; opensAt: Date; closesAt: Date | null; maxRequestedCents: bigint | null; minRequestedCents: bigint | null; maxRateBps: number | null };
  } | null;
  /** The dossier that an earlier request with this idempotency key submitted. */
  replayOf: string | null;
  questions: QuestionDefinition[];
  attachmentNames: string[];
  categories: { key: string; id: string }[];
};

type RawSubmissionState = {
  dossier: (Omit<NonNullable<SubmissionState["dossier"]>, "submittedAt" | "call"> & {
    submittedAt: string | null;
    call: { title: string; kind: "CALL" | "ROLLING"; phase: string; opensAt: string; closesAt: string | null; maxRequestedCents: string | null; minRequestedCents: string | null; maxRateBps: number | null };
  }) | null;
  replayOf: string | null;
  questions: { key: string; type: string; label: string; helpText: string | null; required: boolean; config: unknown }[];
  attachmentNames: string[];
  categories: { key: string; id: string }[];
};

const SUBMISSION_STATE = hotStatement("submission_state", `
    select json_build_object(
      'dossier', (select json_build_object(
          'id', d.id, 'callId', d.call_id, 'administrationId', d.administration_id, 'status', d.status, 'version', d.version,
          'content', d.content, 'reference', d.reference, 'submittedAt', d.submitted_at,
          'call', json_build_object('title', c.title, 'kind', c.kind, 'phase', c.phase, 'opensAt', c.opens_at, 'closesAt', c.closes_at,
                    'maxRequestedCents', c.max_requested_cents::text, 'minRequestedCents', c.min_requested_cents::text, 'maxRateBps', c.max_rate_bps))
        from dossier d join call c on c.id = d.call_id
        where d.id = $1::uuid and d.administration_id = $2::uuid),
      'replayOf', (select e.dossier_id from dossier_event e where e.idempotency_key = $3::text),
      'questions', coalesce((select json_agg(json_build_object('key', q.key, 'type', q.type, 'label', q.label, 'helpText', q.help_text,
                              'required', q.required, 'config', q.config) order by q.position)
                            from call_question q join dossier d on d.call_id = q.call_id where d.id = $1::uuid), '[]'::json),
      'attachmentNames', coalesce((select json_agg(a.file_name) from dossier_attachment a where a.dossier_id = $1::uuid), '[]'::json),
      'categories', coalesce((select json_agg(json_build_object('key', k.key, 'id', k.id))
                             from call_category k join dossier d on d.call_id = k.call_id where d.id = $1::uuid), '[]'::json)
    ) as state`);

/**
 * The dossier (only within the applicant's administration), its call's
 * window, rules, questions and categories, its attachments' names and any
 * earlier use of the idempotency key, in one statement: at the deadline two
 * hundred applicants submit at once, and each round trip through the ORM costs
 * the Node process more than PostgreSQL spends answering it.
 */
export async function loadSubmissionState(dossierId: string, administrationId: string, idempotencyKey: string): Promise<SubmissionState> {
  const row = await hotRow<{ state: RawSubmissionState }>(
    SUBMISSION_STATE,
    [dossierId, administrationId, idempotencyKey],
  );
  const raw = row!.state;
  const d = raw.dossier;
  const cents = (v: string | null) => (v === null ? null : BigInt(v));
  return {
    dossier: d && {
      ...d,
      submittedAt: d.submittedAt === null ? null : new Date(d.submittedAt),
      call: {
        ...d.call,
        opensAt: new Date(d.call.opensAt),
        closesAt: d.call.closesAt === null ? null : new Date(d.call.closesAt),
        maxRequestedCents: cents(d.call.maxRequestedCents),
        minRequestedCents: cents(d.call.minRequestedCents),
      },
    },
    replayOf: raw.replayOf,
    questions: raw.questions.map(definitionFromRow),
    attachmentNames: raw.attachmentNames,
    categories: raw.categories,
  };
}
