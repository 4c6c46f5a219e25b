import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { Db, Tx } from "@/lib/server/prisma";
import { db } from "@/lib/server/db";
import { hotRow, hotStatement } from "@/lib/server/hot-sql";
import { isUuid } from "@/lib/validation/ids";
import { computeRanking, type Ranking } from "./ranking";

/**
 * Everything the jury's pages and mutations need to know about the viewer on
 * one call, loaded from the session's user (never from the form). A conflict
 * counts until staff dismiss it: declared, staff-added and app-proposed alike.
 */
export type JuryContext = {
  call: { id: string; slug: string; title: string; phase: string; budgetEnvelopeCents: bigint; deliberationLockedAt: Date | null };
  member: { id: string; userId: string; isChair: boolean; confidentialityAcceptedAt: Date | null; declaredAt: Date | null } | null;
  grid: { scaleMaxHalf: number; stepHalf: number; commentMode: "PER_CRITERION" | "OVERALL"; contestedSpreadHalf: number; cutSize: number; tieBreak: string[] };
  criteria: { id: string; key: string; label: string; helpText: string | null; weight: number; thresholdHalf: number | null }[];
  /** Agenda dossiers this viewer must never see (their own conflicts). Empty for staff without membership. */
  conflictedJuryDossierIds: Set<string>;
};

export const DEFAULT_GRID: JuryContext["grid"] = { scaleMaxHalf: 10, stepHalf: 1, commentMode: "PER_CRITERION", contestedSpreadHalf: 3, cutSize: 0, tieBreak: [] };

export async function loadJuryContext(actor: Actor, callSlugOrId: { slug: string } | { id: string }, client: Db | Tx = db): Promise<JuryContext | null> {
  // One round trip: every juror's save and page starts here, fifteen at once on audition day (issue 7).
  // Parameters by position ($1 the call, $2 the viewer): the text is shared with loadEvaluationSaveState.
  if ("id" in callSlugOrId && !isUuid(callSlugOrId.id)) return null;
  const userId = isUuid(actor.userId) ? actor.userId : null;
  const rows =
    "id" in callSlugOrId
      ? await client.$queryRawUnsafe<{ ctx: RawContext | null }[]>(`select ${CONTEXT_JSON} as ctx from call c where c.id = $1::uuid`, callSlugOrId.id, userId)
      : await client.$queryRawUnsafe<{ ctx: RawContext | null }[]>(`select ${CONTEXT_JSON} as ctx from call c where c.slug = $1::text`, callSlugOrId.slug, userId);
  return contextFromRow(rows[0]?.ctx ?? null);
}

/**
 * The call, its grid and criteria, and the viewer's membership with its
 * standing conflicts, as one JSON value, over `call c`; the viewer's user id
 * is the statement's second parameter.
 */
const CONTEXT_JSON = `json_build_object(
  'id', c.id, 'slug', c.slug, 'title', c.title, 'phase', c.phase,
  'budgetEnvelopeCents', c.budget_envelope_cents::text, 'deliberationLockedAt', c.deliberation_locked_at,
  'grid', (select json_build_object('scaleMaxHalf', g.scale_max_half, 'stepHalf', g.step_half, 'commentMode', g.comment_mode,
            'contestedSpreadHalf', g.contested_spread_half, 'cutSize', g.cut_size, 'tieBreak', g.tie_break)
          from scoring_grid g where g.call_id = c.id),
  'criteria', coalesce((select json_agg(json_build_object('id', k.id, 'key', k.key, 'label', k.label, 'helpText', k.help_text,
                'weight', k.weight, 'thresholdHalf', k.threshold_half) order by k.position)
              from criterion k where k.call_id = c.id), '[]'::json),
  'member', (select json_build_object('id', m.id, 'userId', m.user_id, 'isChair', m.is_chair,
                'confidentialityAcceptedAt', m.confidentiality_accepted_at, 'declaredAt', m.declared_at,
                'conflicts', coalesce((select json_agg(jc.jury_dossier_id) from jury_conflict jc where jc.member_id = m.id and jc.status <> 'DISMISSED'), '[]'::json))
              from jury_member m where m.call_id = c.id and m.user_id = $2::uuid)
)`;
type RawContext = {
  id: string;
  slug: string;
  title: string;
  phase: string;
  budgetEnvelopeCents: string;
  deliberationLockedAt: string | null;
  grid: JuryContext["grid"] | null;
  criteria: JuryContext["criteria"];
  member: { id: string; userId: string; isChair: boolean; confidentialityAcceptedAt: string | null; declaredAt: string | null; conflicts: string[] } | null;
};

const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

function contextFromRow(raw: RawContext | null): JuryContext | null {
  if (!raw) return null;
  const m = raw.member;
  return {
    call: { id: raw.id, slug: raw.slug, title: raw.title, phase: raw.phase, budgetEnvelopeCents: BigInt(raw.budgetEnvelopeCents), deliberationLockedAt: dateOrNull(raw.deliberationLockedAt) },
    member: m ? { id: m.id, userId: m.userId, isChair: m.isChair, confidentialityAcceptedAt: dateOrNull(m.confidentialityAcceptedAt), declaredAt: dateOrNull(m.declaredAt) } : null,
    grid: raw.grid ?? DEFAULT_GRID,
    criteria: raw.criteria,
    conflictedJuryDossierIds: new Set(m?.conflicts ?? []),
  };
}

/** What a save of scores found: a replayed operation, the dossier on the agenda, the juror's evaluation. */
export type EvaluationState = {
  replay: { memberId: string; outcome: unknown } | null;
  target: { lockedAt: string | null } | null;
  existing: {
    id: string;
    revision: number;
    submittedAt: string | null;
    overallComment: string | null;
    feedback: string | null;
    internalNote: string | null;
    scores: { criterionId: string; valueHalf: number; comment: string | null }[];
  } | null;
};

const EVALUATION_SAVE_STATE = hotStatement("evaluation_save_state", `select ${CONTEXT_JSON} as ctx,
      json_build_object(
        'replay', (select json_build_object('memberId', o.member_id, 'outcome', o.outcome) from jury_operation o where o.op_id = $4::text),
        'target', (select json_build_object('lockedAt', jd.locked_at) from jury_dossier jd join dossier d on d.id = jd.dossier_id
                    where jd.id = $3::uuid and d.call_id = c.id),
        'existing', (select json_build_object(
                        'id', e.id, 'revision', e.revision, 'submittedAt', e.submitted_at,
                        'overallComment', e.overall_comment, 'feedback', e.feedback, 'internalNote', e.internal_note,
                        'scores', coalesce((select json_agg(json_build_object('criterionId', s.criterion_id, 'valueHalf', s.value_half, 'comment', s.comment))
                                            from jury_score s where s.evaluation_id = e.id), '[]'::json))
                      from jury_evaluation e join jury_member m on m.id = e.member_id
                      where m.call_id = c.id and m.user_id = $2::uuid and e.jury_dossier_id = $3::uuid)
      ) as state
    from call c where c.id = $1::uuid`);

/**
 * The viewer's jury context and, for a save of scores, the state it builds
 * on, in one round trip (lib/jury/jury.mutations.ts#saveEvaluation): on
 * audition day fifteen jurors save at once, and each round trip through the
 * ORM costs the Node process more than PostgreSQL spends answering it.
 */
export async function loadEvaluationSaveState(
  actor: Actor,
  callId: string,
  juryDossierId: string | null,
  opId: string | null,
): Promise<{ ctx: JuryContext; state: EvaluationState } | null> {
  if (!isUuid(callId)) return null;
  const userId = isUuid(actor.userId) ? actor.userId : null;
  // Ids as the browser sent them, not yet parsed: a malformed one finds nothing.
  if (juryDossierId !== null && !isUuid(juryDossierId)) juryDossierId = null;
  const row = await hotRow<{ ctx: RawContext; state: EvaluationState }>(
    EVALUATION_SAVE_STATE,
    [callId, userId, juryDossierId, opId],
  );
  return row ? { ctx: contextFromRow(row.ctx)!, state: row.state } : null;
}

export const juryResource = (ctx: JuryContext) => ({ callId: ctx.call.id, member: ctx.member ? { userId: ctx.member.userId, isChair: ctx.member.isChair } : null });

/** A juror may open dossiers once the terms are accepted and conflicts declared. */
export const canSeeDossiers = (ctx: JuryContext) => !!ctx.member?.confidentialityAcceptedAt && !!ctx.member.declaredAt;

export type DeclarationRow = { juryDossierId: string; title: string; administration: string; ministry: string; conflict: { type: string; reason: string; source: string; status: string; locked: boolean } | null };

/**
 * What a juror needs to declare conflicts: titles and administrations only,
 * no content, no amounts, no scores.
 */
export async function listForDeclaration(actor: Actor, ctx: JuryContext): Promise<DeclarationRow[]> {
  if (!can(actor, "jury.participate", juryResource(ctx))) return [];
  const rows = await db.juryDossier.findMany({
    where: { dossier: { callId: ctx.call.id } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      dossier: { select: { title: true, administration: { select: { name: true, ministry: { select: { name: true } } } } } },
      conflicts: { where: { memberId: ctx.member!.id }, select: { type: true, reason: true, source: true, status: true, lockedAt: true } },
    },
  });
  return rows.map((r) => {
    const c = r.conflicts[0];
    return {
      juryDossierId: r.id,
      title: r.dossier.title,
      administration: r.dossier.administration.name,
      ministry: r.dossier.administration.ministry.name,
      conflict: c ? { type: c.type, reason: c.reason, source: c.source, status: c.status, locked: !!c.lockedAt } : null,
    };
  });
}

export type AgendaItem = {
  juryDossierId: string;
  reference: string | null;
  title: string;
  summary: string;
  administration: string;
  requestedCents: bigint;
  totalCostCents: bigint;
  auditionStartsAt: Date | null;
  auditionEndsAt: Date | null;
  locked: boolean;
  myEvaluation: { submittedAt: Date | null; revision: number; overallComment: string | null; feedback: string | null; internalNote: string | null; scores: Record<string, { valueHalf: number; comment: string | null }> } | null;
};

/** The juror's audition-day schedule: conflicted dossiers are not in the query at all. */
export async function listAgenda(actor: Actor, ctx: JuryContext): Promise<AgendaItem[]> {
  if (!can(actor, "jury.participate", juryResource(ctx)) || !canSeeDossiers(ctx)) return [];
  const memberId = ctx.member!.id;
  const rows = await db.juryDossier.findMany({
    where: { dossier: { callId: ctx.call.id }, conflicts: { none: { memberId, status: { not: "DISMISSED" } } } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      auditionStartsAt: true,
      auditionEndsAt: true,
      lockedAt: true,
      dossier: { select: { reference: true, title: true, summary: true, requestedCents: true, totalCostCents: true, administration: { select: { name: true } } } },
      evaluations: {
        where: { memberId },
        select: {
          submittedAt: true,
          revision: true,
          overallComment: true,
          feedback: true,
          internalNote: true,
          scores: { select: { valueHalf: true, comment: true, criterion: { select: { key: true } } } },
        },
      },
    },
  });
  return rows.map((r) => {
    const e = r.evaluations[0];
    return {
      juryDossierId: r.id,
      reference: r.dossier.reference,
      title: r.dossier.title,
      summary: r.dossier.summary,
      administration: r.dossier.administration.name,
      requestedCents: r.dossier.requestedCents,
      totalCostCents: r.dossier.totalCostCents,
      auditionStartsAt: r.auditionStartsAt,
      auditionEndsAt: r.auditionEndsAt,
      locked: !!r.lockedAt,
      myEvaluation: e
        ? {
            submittedAt: e.submittedAt,
            revision: e.revision,
            overallComment: e.overallComment,
            feedback: e.feedback,
            internalNote: e.internalNote,
            scores: Object.fromEntries(e.scores.map((s) => [s.criterion.key, { valueHalf: s.valueHalf, comment: s.comment }])),
          }
        : null,
    };
  });
}

export type PeerScores = { jurorName: string; scores: Record<string, number>; total: number | null }[];

/**
 * One dossier for a juror. `null` when conflicted or not on the agenda. Other
 * jurors' scores only once the viewer's own evaluation is submitted.
 */
export async function getJurorDossier(actor: Actor, ctx: JuryContext, juryDossierId: string): Promise<{ item: AgendaItem; peers: PeerScores | null } | null> {
  if (ctx.conflictedJuryDossierIds.has(juryDossierId)) return null;
  const item = (await listAgenda(actor, ctx)).find((i) => i.juryDossierId === juryDossierId);
  if (!item) return null;
  if (!item.myEvaluation?.submittedAt) return { item, peers: null };
  const evaluations = await db.juryEvaluation.findMany({
    where: { juryDossierId, submittedAt: { not: null }, memberId: { not: ctx.member!.id } },
    orderBy: { member: { user: { name: "asc" } } },
    select: { member: { select: { user: { select: { name: true } } } }, scores: { select: { valueHalf: true, criterion: { select: { key: true, weight: true } } } } },
  });
  return {
    item,
    peers: evaluations.map((e) => {
      const w = e.scores.reduce((s, x) => s + x.criterion.weight, 0);
      return {
        jurorName: e.member.user.name,
        scores: Object.fromEntries(e.scores.map((s) => [s.criterion.key, s.valueHalf / 2])),
        total: w ? e.scores.reduce((s, x) => s + x.criterion.weight * x.valueHalf, 0) / w / 2 : null,
      };
    }),
  };
}

export type ChairRow = {
  juryDossierId: string;
  reference: string | null;
  title: string;
  requestedCents: bigint;
  locked: boolean;
  decision: string | null;
  grantedCents: bigint | null;
  motivation: string | null;
  /** The viewer is conflicted: no score, no statistic, no decision data. */
  recusedViewer: boolean;
};

export type ChairView = {
  rows: ChairRow[];
  ranking: Ranking;
  jurors: { memberId: string; name: string; isChair: boolean; submitted: number; conflictedJuryDossierIds: string[] }[];
  grantedTotalCents: bigint;
};

/**
 * The chair's (or staff's) ranking. The viewer's own conflicted dossiers are
 * left out of the ranking's input entirely: their scores never leave the
 * database for that viewer.
 */
export async function getChairView(actor: Actor, ctx: JuryContext): Promise<ChairView | null> {
  if (!can(actor, "jury.ranking", juryResource(ctx))) return null;
  const hidden = [...ctx.conflictedJuryDossierIds];
  const [agenda, evaluations, members] = await Promise.all([
    db.juryDossier.findMany({
      where: { dossier: { callId: ctx.call.id } },
      orderBy: { position: "asc" },
      select: { id: true, lockedAt: true, decision: true, grantedCents: true, motivation: true, dossier: { select: { reference: true, title: true, requestedCents: true } } },
    }),
    db.juryEvaluation.findMany({
      where: { juryDossier: { dossier: { callId: ctx.call.id } }, submittedAt: { not: null }, juryDossierId: { notIn: hidden } },
      select: { memberId: true, juryDossierId: true, scores: { select: { valueHalf: true, criterion: { select: { key: true } } } } },
    }),
    db.juryMember.findMany({
      where: { callId: ctx.call.id },
      orderBy: { user: { name: "asc" } },
      select: { id: true, isChair: true, user: { select: { name: true } }, conflicts: { where: { status: { not: "DISMISSED" } }, select: { juryDossierId: true } } },
    }),
  ]);
  const visible = agenda.filter((a) => !ctx.conflictedJuryDossierIds.has(a.id));
  const ranking = computeRanking({
    scaleMaxHalf: ctx.grid.scaleMaxHalf,
    criteria: ctx.criteria.map((c) => ({ key: c.key, weight: c.weight, thresholdHalf: c.thresholdHalf })),
    dossiers: visible.map((a) => ({ id: a.id, requestedCents: a.dossier.requestedCents, reference: a.dossier.reference })),
    scores: evaluations.flatMap((e) => e.scores.map((s) => ({ jurorId: e.memberId, dossierId: e.juryDossierId, criterionKey: s.criterion.key, valueHalf: s.valueHalf }))),
    envelopeCents: ctx.call.budgetEnvelopeCents,
    cutSize: ctx.grid.cutSize,
    contestedSpreadHalf: ctx.grid.contestedSpreadHalf,
    tieBreak: ctx.grid.tieBreak,
  });
  const submitted = new Map<string, number>();
  for (const e of evaluations) submitted.set(e.memberId, (submitted.get(e.memberId) ?? 0) + 1);
  return {
    rows: agenda.map((a) => {
      const recused = ctx.conflictedJuryDossierIds.has(a.id);
      return {
        juryDossierId: a.id,
        reference: a.dossier.reference,
        title: a.dossier.title,
        requestedCents: a.dossier.requestedCents,
        locked: !!a.lockedAt,
        decision: recused ? null : a.decision,
        grantedCents: recused ? null : a.grantedCents,
        motivation: recused ? null : a.motivation,
        recusedViewer: recused,
      };
    }),
    ranking,
    jurors: members.map((m) => ({
      memberId: m.id,
      name: m.user.name,
      isChair: m.isChair,
      submitted: submitted.get(m.id) ?? 0,
      // Who is conflicted where is needed to send people out of the room; it reveals no score.
      conflictedJuryDossierIds: m.conflicts.map((c) => c.juryDossierId),
    })),
    grantedTotalCents: agenda.reduce((s, a) => s + (a.grantedCents ?? 0n), 0n),
  };
}

/** CSV export of submitted scores, scoped exactly like the chair view. */
export async function exportScoresCsv(actor: Actor, ctx: JuryContext): Promise<string | null> {
  if (!can(actor, "jury.ranking", juryResource(ctx))) return null;
  const rows = await db.juryScore.findMany({
    where: {
      evaluation: { submittedAt: { not: null }, juryDossier: { dossier: { callId: ctx.call.id } }, juryDossierId: { notIn: [...ctx.conflictedJuryDossierIds] } },
    },
    orderBy: [{ evaluation: { juryDossier: { position: "asc" } } }, { evaluation: { member: { user: { name: "asc" } } } }, { criterion: { position: "asc" } }],
    select: {
      valueHalf: true,
      criterion: { select: { key: true } },
      evaluation: { select: { member: { select: { user: { select: { name: true } } } }, juryDossier: { select: { dossier: { select: { reference: true, title: true } } } } } },
    },
  });
  const esc = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = ["reference;titre;jure;critere;note"];
  for (const r of rows) {
    const d = r.evaluation.juryDossier.dossier;
    lines.push([esc(d.reference ?? ""), esc(d.title), esc(r.evaluation.member.user.name), r.criterion.key, String(r.valueHalf / 2).replace(".", ",")].join(";"));
  }
  return lines.join("\n") + "\n";
}

/** The slot under way or next (who must leave the room for it is on the chair's screen). */
export async function getNextSlot(callId: string, at: Date = new Date()) {
  return db.juryDossier.findFirst({
    where: { dossier: { callId }, auditionEndsAt: { gt: at } },
    orderBy: { auditionStartsAt: "asc" },
    select: { id: true, dossier: { select: { title: true } } },
  });
}

/** What the minutes PDF needs, once the deliberation is locked; scoped like the chair view. */
export async function getMinutes(actor: Actor, ctx: JuryContext) {
  if (!ctx.call.deliberationLockedAt) return null;
  const view = await getChairView(actor, ctx);
  if (!view) return null;
  const sealed = await db.auditEvent.findFirst({
    where: { action: "jury.deliberation.locked", entityType: "call", entityId: ctx.call.id },
    orderBy: { id: "desc" },
    select: { data: true },
  });
  return { callTitle: ctx.call.title, lockedAt: ctx.call.deliberationLockedAt, digest: (sealed?.data as { digest?: string } | undefined)?.digest ?? null, view, envelopeCents: ctx.call.budgetEnvelopeCents };
}

export type JuryAdmin = {
  call: { id: string; slug: string; title: string; phase: string; deliberationLockedAt: Date | null; resultsPublishedAt: Date | null };
  grid: JuryContext["grid"];
  gridSaved: boolean;
  criteria: JuryContext["criteria"];
  /** Why the grid can no longer be edited (French), or null. */
  gridLockedReason: string | null;
  members: {
    id: string;
    name: string;
    organisation: string | null;
    isChair: boolean;
    confidentialityAcceptedAt: Date | null;
    declaredAt: Date | null;
    conflicts: { id: string; juryDossierId: string; type: string; reason: string; source: string; status: string; locked: boolean }[];
  }[];
  dossiers: { id: string; reference: string | null; title: string; administration: string; decision: string | null; feedbackDraft: string | null; feedbackReleasedAt: Date | null }[];
};

/**
 * Staff's jury section of a call: grid, roster with every conflict, agenda
 * with feedback drafts. No score leaves the database here. `null` when the
 * viewer is not staff of the call (the page answers 404).
 */
export async function getJuryAdmin(actor: Actor, slug: string): Promise<JuryAdmin | null> {
  const call = await db.call.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      phase: true,
      deliberationLockedAt: true,
      resultsPublishedAt: true,
      scoringGrid: { select: { scaleMaxHalf: true, stepHalf: true, commentMode: true, contestedSpreadHalf: true, cutSize: true, tieBreak: true } },
      criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, label: true, helpText: true, weight: true, thresholdHalf: true } },
    },
  });
  if (!call || !can(actor, "jury.manage", { callId: call.id })) return null;
  const [evaluations, members, dossiers] = await Promise.all([
    db.juryEvaluation.count({ where: { juryDossier: { dossier: { callId: call.id } } } }),
    db.juryMember.findMany({
      where: { callId: call.id },
      orderBy: [{ isChair: "desc" }, { user: { name: "asc" } }, { id: "asc" }],
      select: {
        id: true,
        isChair: true,
        confidentialityAcceptedAt: true,
        declaredAt: true,
        user: { select: { name: true, organisation: true } },
        conflicts: {
          orderBy: [{ juryDossier: { position: "asc" } }, { id: "asc" }],
          select: { id: true, juryDossierId: true, type: true, reason: true, source: true, status: true, lockedAt: true },
        },
      },
    }),
    db.juryDossier.findMany({
      where: { dossier: { callId: call.id } },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: {
        id: true,
        decision: true,
        feedbackDraft: true,
        feedbackReleasedAt: true,
        dossier: { select: { reference: true, title: true, administration: { select: { name: true } } } },
      },
    }),
  ]);
  const gridLockedReason = call.deliberationLockedAt
    ? "La délibération est verrouillée : la grille de notation ne peut plus être modifiée."
    : evaluations > 0
      ? "La notation a commencé : la grille ne peut plus être modifiée (les notes déjà saisies changeraient de sens)."
      : null;
  return {
    call: { id: call.id, slug: call.slug, title: call.title, phase: call.phase, deliberationLockedAt: call.deliberationLockedAt, resultsPublishedAt: call.resultsPublishedAt },
    grid: call.scoringGrid ?? DEFAULT_GRID,
    gridSaved: !!call.scoringGrid,
    criteria: call.criteria,
    gridLockedReason,
    members: members.map((m) => ({
      id: m.id,
      name: m.user.name,
      organisation: m.user.organisation,
      isChair: m.isChair,
      confidentialityAcceptedAt: m.confidentialityAcceptedAt,
      declaredAt: m.declaredAt,
      conflicts: m.conflicts.map((c) => ({ id: c.id, juryDossierId: c.juryDossierId, type: c.type, reason: c.reason, source: c.source, status: c.status, locked: !!c.lockedAt })),
    })),
    dossiers: dossiers.map((d) => ({
      id: d.id,
      reference: d.dossier.reference,
      title: d.dossier.title,
      administration: d.dossier.administration.name,
      decision: d.decision,
      feedbackDraft: d.feedbackDraft,
      feedbackReleasedAt: d.feedbackReleasedAt,
    })),
  };
}
