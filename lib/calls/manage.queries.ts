import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import type { CallKind, CallPhase } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db";
import type { Db, Tx } from "@/lib/server/prisma";
import { TIME_ZONE } from "@/lib/time";
import { PUBLIC_CALL_SELECT, type PublicCall } from "./call.queries";
import type { CallSettingsInput } from "./call.schema";
import { callChecklist, type ChecklistItem } from "./checklist";
import { definitionFromRow, type QuestionDefinition } from "./question-definition";

/** Staff anywhere on the call: a grant on it or a global one. */
const staffOnCall = (callId: string) => ({ disabledAt: null, roles: { some: { role: "STAFF" as const, OR: [{ callId }, { callId: null }] } } });

export async function loadChecklist(client: Db | Tx, callId: string, now: Date): Promise<ChecklistItem[]> {
  const c = await client.call.findUniqueOrThrow({
    where: { id: callId },
    select: {
      kind: true,
      title: true,
      summary: true,
      description: true,
      themes: true,
      eligibleKinds: true,
      budgetEnvelopeCents: true,
      opensAt: true,
      closesAt: true,
      preselectionAt: true,
      resultsExpectedAt: true,
      auditionDays: true,
      _count: { select: { categories: true, criteria: true, juryMembers: true, questions: true } },
    },
  });
  const staff = await client.user.count({ where: staffOnCall(callId) });
  return callChecklist({ ...c, categories: c._count.categories, criteria: c._count.criteria, jury: c._count.juryMembers, questions: c._count.questions, staff }, now);
}

export type ManagedCall = { id: string; slug: string; title: string; kind: CallKind; phase: CallPhase; opensAt: Date; closesAt: Date | null };

/** The calls the person runs: every call for an administrator, the calls one is staff of otherwise. */
export async function listManagedCalls(actor: Actor): Promise<ManagedCall[]> {
  if (!can(actor, "call.console", null)) return [];
  const calls = await db.call.findMany({
    orderBy: [{ createdAt: "desc" }],
    select: { id: true, slug: true, title: true, kind: true, phase: true, opensAt: true, closesAt: true },
  });
  return calls.filter((c) => can(actor, "call.edit", c));
}

const parisParts = (d: Date) => {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
};
/** An instant → « 2027-01-31T23:59 » in Paris, as a datetime-local field holds it. */
export const toParisLocal = (d: Date | null) => (d ? parisParts(d) : "");

export type CallConsole = {
  id: string;
  slug: string;
  title: string;
  kind: CallKind;
  phase: CallPhase;
  version: number;
  closesAt: string | null;
  settings: CallSettingsInput;
  checklist: ChecklistItem[];
  questions: (QuestionDefinition & { id: string })[];
  /** A dossier was submitted: questions can no longer change, only optional ones be added. */
  formLocked: boolean;
  dossiers: { drafts: number; submitted: number };
  canManage: boolean;
  canOpen: boolean;
};

/** Everything the console and the editor show, for someone who may edit the call. */
export async function getCallConsole(actor: Actor, slug: string, now = new Date()): Promise<CallConsole | null> {
  const c = await db.call.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      description: true,
      kind: true,
      phase: true,
      version: true,
      themes: true,
      eligibleKinds: true,
      budgetEnvelopeCents: true,
      minRequestedCents: true,
      maxRequestedCents: true,
      maxRateBps: true,
      opensAt: true,
      closesAt: true,
      preselectionAt: true,
      auditionDays: true,
      resultsExpectedAt: true,
      categories: { orderBy: { position: "asc" }, select: { label: true } },
      questions: { orderBy: { position: "asc" }, select: { id: true, key: true, type: true, label: true, helpText: true, required: true, config: true } },
    },
  });
  if (!c || !can(actor, "call.edit", c)) return null;
  const [checklist, drafts, submitted] = await Promise.all([
    loadChecklist(db, c.id, now),
    db.dossier.count({ where: { callId: c.id, submittedAt: null, status: "DRAFT" } }),
    db.dossier.count({ where: { callId: c.id, submittedAt: { not: null } } }),
  ]);
  const days = [...c.auditionDays, "", "", ""].slice(0, Math.max(3, c.auditionDays.length));
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    kind: c.kind,
    phase: c.phase,
    version: c.version,
    closesAt: c.closesAt?.toISOString() ?? null,
    settings: {
      title: c.title,
      slug: c.slug,
      summary: c.summary,
      description: c.description,
      kind: c.kind,
      themes: c.themes.join("\n"),
      categories: c.categories.map((x) => x.label).join("\n"),
      eligibleKinds: c.eligibleKinds,
      budgetEnvelopeCents: Number(c.budgetEnvelopeCents),
      minRequestedCents: c.minRequestedCents === null ? null : Number(c.minRequestedCents),
      maxRequestedCents: c.maxRequestedCents === null ? null : Number(c.maxRequestedCents),
      maxRatePercent: c.maxRateBps === null ? null : c.maxRateBps / 100,
      opensAt: toParisLocal(c.opensAt),
      closesAt: toParisLocal(c.closesAt),
      preselectionAt: toParisLocal(c.preselectionAt),
      auditionDays: days,
      resultsExpectedAt: toParisLocal(c.resultsExpectedAt),
    },
    checklist,
    questions: c.questions.map((q) => ({ id: q.id, ...definitionFromRow(q) })),
    formLocked: submitted > 0,
    dossiers: { drafts, submitted },
    canManage: can(actor, "call.manage", c),
    canOpen: can(actor, "call.transition", { id: c.id, phase: c.phase, to: "OPEN" }),
  };
}

/** The public page of a call in any phase, for its preview before opening. */
export async function getCallPreview(actor: Actor, slug: string): Promise<PublicCall | null> {
  const c = await db.call.findUnique({ where: { slug }, select: PUBLIC_CALL_SELECT });
  if (!c || !can(actor, "call.edit", c)) return null;
  return c;
}

export type TeamMember = { userId: string; name: string; email: string };
export type CallTeam = { id: string; slug: string; title: string; staff: TeamMember[]; globalStaff: TeamMember[]; jury: (TeamMember & { isChair: boolean })[] };

export async function getCallTeam(actor: Actor, slug: string): Promise<CallTeam | null> {
  const c = await db.call.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, phase: true } });
  if (!c || !can(actor, "call.manage", c)) return null;
  const [grants, globals, members] = await Promise.all([
    db.roleGrant.findMany({ where: { callId: c.id, role: "STAFF" }, orderBy: { user: { email: "asc" } }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.roleGrant.findMany({ where: { callId: null, role: "STAFF", user: { disabledAt: null } }, orderBy: { user: { email: "asc" } }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.juryMember.findMany({ where: { callId: c.id }, orderBy: { user: { email: "asc" } }, select: { isChair: true, user: { select: { id: true, name: true, email: true } } } }),
  ]);
  const person = (u: { id: string; name: string; email: string }) => ({ userId: u.id, name: u.name, email: u.email });
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    staff: grants.map((g) => person(g.user)),
    globalStaff: globals.map((g) => person(g.user)),
    jury: members.map((m) => ({ ...person(m.user), isChair: m.isChair })),
  };
}

/** A call's questions, in order (the applicant's form). */
export async function loadQuestions(client: Db | Tx, callId: string): Promise<QuestionDefinition[]> {
  const rows = await client.callQuestion.findMany({ where: { callId }, orderBy: { position: "asc" }, select: { key: true, type: true, label: true, helpText: true, required: true, config: true } });
  return rows.map(definitionFromRow);
}
