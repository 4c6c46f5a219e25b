import "server-only";
import type { Db, Tx } from "@/lib/server/prisma";
import { formatParisDateTime } from "@/lib/time";
import { DOSSIER_STATUS_LABEL } from "./labels";
import {
  ANONYMISED_EMAIL_DOMAIN,
  ANONYMISED_NAME,
  ERASED_TEXT,
  anonymisedEmail,
  dossierFate,
  isTiedOnlyToCall,
  planDigest,
  type PlanLine,
  type PlanRow,
} from "./retention";

type Client = Db | Tx;

/** Tables handled by name below; any other table pointing at `dossier` is deleted with the dossier's working data. */
const NAMED_DOSSIER_TABLES = new Set(["dossier_event", "jury_dossier"]);

export type RetentionPlan = { lines: PlanLine[]; digest: string };

/** Internal: what `applyRetentionPlan` needs besides the listed ids. */
type PlanContext = {
  plan: RetentionPlan;
  /** Generic tables: how to find a listed row again. */
  generic: Map<string, { idExpr: string }>;
  /** Jurors of this call keep their name (the minutes name the jury). */
  jurorUserIds: Set<string>;
};

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables with a foreign key to dossier(id) that this module does not name, with how to identify their rows. */
async function dossierAttachedTables(client: Client): Promise<{ table: string; columns: string[]; idExpr: string }[]> {
  const refs = await client.$queryRaw<{ tbl: string; col: string }[]>`
    select c.conrelid::regclass::text as tbl, a.attname::text as col
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'dossier'::regclass and cardinality(c.conkey) = 1
    order by 1, 2`;
  const byTable = new Map<string, string[]>();
  for (const ref of refs) if (!NAMED_DOSSIER_TABLES.has(ref.tbl)) byTable.set(ref.tbl, [...(byTable.get(ref.tbl) ?? []), ref.col]);
  const out: { table: string; columns: string[]; idExpr: string }[] = [];
  for (const [table, columns] of byTable) {
    const pk = await client.$queryRaw<{ col: string }[]>`
      select a.attname::text as col from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${table}::regclass and i.indisprimary order by a.attnum`;
    // Without a primary key, the row's physical id (stable inside the archive transaction).
    const idExpr = pk.length > 0 ? `concat_ws(':', ${pk.map((p) => `${quoteIdent(p.col)}::text`).join(", ")})` : "ctid::text";
    out.push({ table, columns, idExpr });
  }
  return out;
}

async function buildPlanContext(client: Client, callId: string): Promise<PlanContext> {
  const dossiers = await client.dossier.findMany({
    where: { callId },
    orderBy: [{ reference: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, reference: true, title: true, status: true, juryDossier: { select: { id: true } } },
  });
  const dossierLabel = new Map(dossiers.map((d) => [d.id, `${d.reference ?? "Brouillon"} — ${d.title || "sans titre"}`]));
  const dossierIds = dossiers.map((d) => d.id);
  const row = (id: string, label: string): PlanRow => ({ id, label });
  const byFate = (fate: ReturnType<typeof dossierFate>) =>
    dossiers.filter((d) => dossierFate({ status: d.status, onJuryAgenda: d.juryDossier !== null }) === fate).map((d) => row(d.id, `${dossierLabel.get(d.id)} (${DOSSIER_STATUS_LABEL[d.status].toLowerCase()})`));

  const events = await client.dossierEvent.findMany({
    where: { dossierId: { in: dossierIds } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, dossierId: true, status: true, at: true, idempotencyKey: true },
  });

  const generic = new Map<string, { idExpr: string }>();
  const genericLines: PlanLine[] = [];
  for (const t of await dossierAttachedTables(client)) {
    // A row pointing at one of this call's dossiers through any of its references.
    const dossierRef = `coalesce(${t.columns.map((c) => `case when ${quoteIdent(c)} = any($1::uuid[]) then ${quoteIdent(c)}::text end`).join(", ")})`;
    const rows = await client.$queryRawUnsafe<{ id: string; dossier_id: string }[]>(
      `select ${t.idExpr} as id, ${dossierRef} as dossier_id from ${t.table} where ${dossierRef} is not null order by 1`,
      dossierIds,
    );
    generic.set(t.table, { idExpr: `${t.idExpr}` });
    genericLines.push({
      table: t.table,
      action: "DELETE",
      description: "Données de travail rattachées aux dossiers (notes, affectations, étiquettes, vérifications, demandes de correction…).",
      rows: rows.map((r) => row(r.id, dossierLabel.get(r.dossier_id) ?? r.dossier_id)),
    });
  }

  const juryWhere = { juryDossier: { dossier: { callId } } };
  // One after another: inside the archive transaction they share one connection.
  const operations = await client.juryOperation.findMany({ where: { member: { callId } }, orderBy: { receivedAt: "asc" }, select: { id: true, receivedAt: true, member: { select: { user: { select: { name: true } } } } } });
  const evaluations = await client.juryEvaluation.findMany({
    where: { ...juryWhere, OR: [{ overallComment: { not: null } }, { feedback: { not: null } }, { internalNote: { not: null } }] },
    orderBy: { id: "asc" },
    select: { id: true, juryDossier: { select: { dossierId: true } }, member: { select: { user: { select: { name: true } } } } },
  });
  const scores = await client.juryScore.findMany({
    where: { comment: { not: null }, evaluation: juryWhere },
    orderBy: { id: "asc" },
    select: { id: true, criterion: { select: { label: true } }, evaluation: { select: { juryDossier: { select: { dossierId: true } }, member: { select: { user: { select: { name: true } } } } } } },
  });
  const conflicts = await client.juryConflict.findMany({
    where: { ...juryWhere, reason: { not: ERASED_TEXT } },
    orderBy: { id: "asc" },
    select: { id: true, juryDossier: { select: { dossierId: true } }, member: { select: { user: { select: { name: true } } } } },
  });
  const juryDossiers = await client.juryDossier.findMany({ where: { dossier: { callId }, feedbackDraft: { not: null } }, orderBy: { position: "asc" }, select: { id: true, dossierId: true } });
  const members = await client.juryMember.findMany({ where: { callId }, select: { userId: true } });
  const reminders = await client.callReminder.findMany({ where: { callId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, occasion: true, user: { select: { email: true } } } });

  // People whose contact data only this call needs. Flat queries: Prisma loads
  // sibling relations concurrently, which one transaction connection cannot do.
  const candidates = await client.user.findMany({
    where: {
      OR: [
        { administration: { dossiers: { some: { callId } } } },
        { dossiersCreated: { some: { callId } } },
        { juryMemberships: { some: { callId } } },
        { roles: { some: { callId } } },
        // Outside experts: accounts made for an opinion on this call's dossiers (decision 015).
        { expertOpinions: { some: { dossier: { callId } } } },
      ],
    },
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, administrationId: true },
  });
  const candidateIds = candidates.map((u) => u.id);
  const grants = await client.roleGrant.findMany({ where: { userId: { in: candidateIds } }, select: { userId: true, callId: true } });
  const seats = await client.juryMember.findMany({ where: { userId: { in: candidateIds } }, select: { userId: true, callId: true } });
  const opinions = await client.expertOpinion.findMany({ where: { expertId: { in: candidateIds } }, select: { expertId: true, dossier: { select: { callId: true } } } });
  const administrationIds = [...new Set(candidates.map((u) => u.administrationId).filter((x): x is string => x !== null))];
  const administrationCalls = await client.dossier.findMany({
    where: { administrationId: { in: administrationIds }, call: { phase: { not: "ARCHIVED" } } },
    distinct: ["administrationId", "callId"],
    select: { administrationId: true, callId: true },
  });
  const tied = candidates.filter((u) =>
    isTiedOnlyToCall(
      {
        hasGlobalRole: grants.some((g) => g.userId === u.id && g.callId === null),
        grantCallIds: grants.filter((g) => g.userId === u.id).map((g) => g.callId!),
        juryCallIds: seats.filter((m) => m.userId === u.id).map((m) => m.callId),
        administrationCallIds: administrationCalls.filter((d) => d.administrationId === u.administrationId).map((d) => d.callId),
        expertCallIds: opinions.filter((o) => o.expertId === u.id).map((o) => o.dossier.callId),
        alreadyAnonymised: u.email.endsWith(`@${ANONYMISED_EMAIL_DOMAIN}`),
      },
      callId,
    ),
  );
  const tiedIds = tied.map((u) => u.id);
  const tiedEmails = tied.map((u) => u.email);
  const tokens = await client.authToken.findMany({ where: { userId: { in: tiedIds } }, orderBy: { createdAt: "asc" }, select: { id: true, kind: true, user: { select: { email: true } } } });
  const attempts = await client.authAttempt.findMany({ where: { email: { in: tiedEmails } }, orderBy: { id: "asc" }, select: { id: true, kind: true, email: true, at: true } });

  // E-mails about this call (receipts, corrections, decisions, reminders) and to the people above.
  const outbox = await client.mailOutbox.findMany({
    where: {
      OR: [
        { dedupeKey: { in: events.filter((e) => e.idempotencyKey).map((e) => `dossier-ack:${e.idempotencyKey}`) } },
        { dedupeKey: { in: events.map((e) => `dossier-correction:${e.id}`) } },
        ...dossierIds.map((id) => ({ dedupeKey: { startsWith: `results-decision:${id}:` } })),
        { dedupeKey: { startsWith: `call-reminder:${callId}:` } },
        { to: { in: tiedEmails } },
      ],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, to: true, subject: true },
  });

  const juror = (m: { user: { name: string } }) => m.user.name;
  const lines: PlanLine[] = [
    { table: "dossier", action: "DELETE", description: "Brouillons et dossiers retirés, avec tout leur contenu.", rows: byFate("DELETE") },
    {
      table: "dossier",
      action: "ANONYMISE",
      description: "Dossiers déposés non lauréats : titre, résumé, réponses et auteur effacés ; restent le statut, l’administration, la catégorie et les montants (entonnoir et statistiques publics).",
      rows: byFate("ANONYMISE"),
    },
    {
      table: "dossier",
      action: "ANONYMISE",
      description: "Lauréats : réponses au formulaire et auteur effacés ; le numéro, le titre, le résumé, les montants, l’administration et la catégorie restent publics.",
      rows: byFate("ANONYMISE_LAUREATE"),
    },
    {
      table: "dossier_event",
      action: "DELETE",
      description: "Historique des dossiers (changements de statut, messages, clés d’idempotence).",
      rows: events.map((e) => row(e.id, `${dossierLabel.get(e.dossierId)} — ${DOSSIER_STATUS_LABEL[e.status].toLowerCase()} le ${formatParisDateTime(e.at)}`)),
    },
    ...genericLines,
    { table: "jury_operation", action: "DELETE", description: "Journal de synchronisation hors ligne des notes du jury.", rows: operations.map((o) => row(o.id, `${juror(o.member)} — ${formatParisDateTime(o.receivedAt)}`)) },
    {
      table: "jury_evaluation",
      action: "ANONYMISE",
      description: "Évaluations du jury : commentaires, avis et notes internes effacés ; les notes chiffrées restent (procès-verbal).",
      rows: evaluations.map((e) => row(e.id, `${juror(e.member)} — ${dossierLabel.get(e.juryDossier.dossierId)}`)),
    },
    {
      table: "jury_score",
      action: "ANONYMISE",
      description: "Commentaires par critère effacés ; la note reste.",
      rows: scores.map((s) => row(s.id, `${juror(s.evaluation.member)} — ${dossierLabel.get(s.evaluation.juryDossier.dossierId)} — ${s.criterion.label}`)),
    },
    {
      table: "jury_conflict",
      action: "ANONYMISE",
      description: "Motifs des conflits d’intérêts effacés ; la récusation (qui, quel dossier, type) reste.",
      rows: conflicts.map((c) => row(c.id, `${juror(c.member)} — ${dossierLabel.get(c.juryDossier.dossierId)}`)),
    },
    { table: "jury_dossier", action: "ANONYMISE", description: "Brouillons de retour du jury effacés ; décision, montant et motivation restent.", rows: juryDossiers.map((j) => row(j.id, dossierLabel.get(j.dossierId)!)) },
    { table: "call_reminder", action: "DELETE", description: "Registre des rappels envoyés pour cet appel.", rows: reminders.map((r) => row(r.id, `${r.user.email} — ${r.kind} — ${r.occasion}`)) },
    { table: "mail_outbox", action: "DELETE", description: "Courriels de cet appel (accusés de réception, corrections, décisions, rappels) et courriels adressés aux personnes anonymisées.", rows: outbox.map((m) => row(m.id, `${m.to} — ${m.subject}`)) },
    {
      table: "app_user",
      action: "ANONYMISE",
      description: "Comptes liés à cet appel seulement : adresse, mot de passe et organisation effacés, compte désactivé ; le nom ne reste que pour les membres du jury (procès-verbal).",
      rows: tied.map((u) => row(u.id, `${u.name} <${u.email}>`)),
    },
    { table: "auth_token", action: "DELETE", description: "Liens de connexion et de réinitialisation de ces comptes.", rows: tokens.map((t) => row(t.id, `${t.user.email} — ${t.kind}`)) },
    { table: "auth_attempt", action: "DELETE", description: "Tentatives de connexion de ces comptes (adresse et IP).", rows: attempts.map((a) => row(String(a.id), `${a.email} — ${a.kind} — ${formatParisDateTime(a.at)}`)) },
  ];
  return { plan: { lines, digest: planDigest(lines) }, generic, jurorUserIds: new Set(members.map((m) => m.userId)) };
}

/** The dry-run: what archiving the call would delete or anonymise, row by row. Reads only. */
export async function buildRetentionPlan(client: Client, callId: string): Promise<RetentionPlan> {
  return (await buildPlanContext(client, callId)).plan;
}

export class RetentionDrift extends Error {
  override name = "RetentionDrift";
}

/**
 * Applies exactly the listed rows, inside the caller's transaction (the call
 * row locked). Every statement must touch as many rows as listed; otherwise
 * the data changed under us and everything rolls back.
 */
export async function applyRetentionPlan(tx: Tx, callId: string, expectedDigest: string | null): Promise<RetentionPlan> {
  const { plan, generic, jurorUserIds } = await buildPlanContext(tx, callId);
  // The admin confirmed another list than this one: nothing is applied.
  if (expectedDigest !== null && plan.digest !== expectedDigest) throw new RetentionDrift("digest");
  const ids = (table: string, action: PlanLine["action"], index = 0) => plan.lines.filter((l) => l.table === table && l.action === action)[index]!.rows.map((r) => r.id);
  const expect = (what: string, listed: number, done: number) => {
    if (listed !== done) throw new RetentionDrift(`${what}: ${done} rows changed, ${listed} listed`);
  };
  const now = new Date();

  const outbox = ids("mail_outbox", "DELETE");
  expect("mail_outbox", outbox.length, (await tx.mailOutbox.deleteMany({ where: { id: { in: outbox } } })).count);
  const reminders = ids("call_reminder", "DELETE");
  expect("call_reminder", reminders.length, (await tx.callReminder.deleteMany({ where: { id: { in: reminders } } })).count);
  const tokens = ids("auth_token", "DELETE");
  expect("auth_token", tokens.length, (await tx.authToken.deleteMany({ where: { id: { in: tokens } } })).count);
  const attempts = ids("auth_attempt", "DELETE").map(BigInt);
  expect("auth_attempt", attempts.length, (await tx.authAttempt.deleteMany({ where: { id: { in: attempts } } })).count);
  const events = ids("dossier_event", "DELETE");
  expect("dossier_event", events.length, (await tx.dossierEvent.deleteMany({ where: { id: { in: events } } })).count);
  for (const [table, { idExpr }] of generic) {
    const listed = ids(table, "DELETE");
    expect(table, listed.length, await tx.$executeRawUnsafe(`delete from ${table} where ${idExpr} = any($1::text[])`, listed));
  }
  const operations = ids("jury_operation", "DELETE");
  expect("jury_operation", operations.length, (await tx.juryOperation.deleteMany({ where: { id: { in: operations } } })).count);
  const evaluations = ids("jury_evaluation", "ANONYMISE");
  expect("jury_evaluation", evaluations.length, (await tx.juryEvaluation.updateMany({ where: { id: { in: evaluations } }, data: { overallComment: null, feedback: null, internalNote: null } })).count);
  const scores = ids("jury_score", "ANONYMISE");
  expect("jury_score", scores.length, (await tx.juryScore.updateMany({ where: { id: { in: scores } }, data: { comment: null } })).count);
  const conflicts = ids("jury_conflict", "ANONYMISE");
  expect("jury_conflict", conflicts.length, (await tx.juryConflict.updateMany({ where: { id: { in: conflicts } }, data: { reason: ERASED_TEXT } })).count);
  const juryDossiers = ids("jury_dossier", "ANONYMISE");
  expect("jury_dossier", juryDossiers.length, (await tx.juryDossier.updateMany({ where: { id: { in: juryDossiers } }, data: { feedbackDraft: null } })).count);

  const deleted = ids("dossier", "DELETE");
  expect("dossier (delete)", deleted.length, (await tx.dossier.deleteMany({ where: { id: { in: deleted }, callId } })).count);
  const others = ids("dossier", "ANONYMISE", 0);
  expect(
    "dossier (anonymise)",
    others.length,
    await tx.$executeRaw`
      update dossier set title = 'Dossier ' || coalesce(reference, 'sans numéro') || ' (anonymisé)', summary = '', content = '{}'::jsonb,
        created_by_id = null, updated_at = now()
      where id = any(${others}::uuid[]) and call_id = ${callId}::uuid`,
  );
  const laureates = ids("dossier", "ANONYMISE", 1);
  expect("dossier (laureates)", laureates.length, (await tx.dossier.updateMany({ where: { id: { in: laureates }, callId }, data: { content: {}, createdById: null } })).count);

  for (const userId of ids("app_user", "ANONYMISE")) {
    await tx.user.update({
      where: { id: userId },
      data: {
        email: anonymisedEmail(userId),
        ...(jurorUserIds.has(userId) ? {} : { name: ANONYMISED_NAME }),
        passwordHash: null,
        organisation: null,
        disabledAt: now,
        sessionVersion: { increment: 1 },
      },
    });
  }
  return plan;
}
