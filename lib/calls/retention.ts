import { createHash } from "node:crypto";
import type { CallPhase, DossierStatus } from "@/lib/generated/prisma/enums";
import { formatParisDate, parisLocalToInstant, parisWallClock } from "@/lib/time";
import { CALL_PHASE_LABEL } from "./labels";

/**
 * Data retention of a call (pure rules). After `retentionMonths` months from
 * the publication of the results, the call is archived: what the public
 * results and the sealed minutes need is kept, the rest is deleted or
 * anonymised (docs/decisions/008-reminders-and-retention.md).
 */
export const RETENTION_MIN_MONTHS = 1;
export const RETENTION_MAX_MONTHS = 120;
export const DEFAULT_RETENTION_MONTHS = 24;

/**
 * `months` calendar months after `from`, same wall-clock time in Paris; the
 * day is clamped to the end of a shorter month (31 August + 1 → 30 September).
 */
export function addParisMonths(from: Date, months: number): Date {
  const p = parisWallClock(from);
  const monthIndex = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(p.day, lastDay);
  const pad = (n: number) => String(n).padStart(2, "0");
  return parisLocalToInstant(`${year}-${pad(month)}-${pad(day)}T${pad(p.hour)}:${pad(p.minute)}`);
}

/** When the call's data must be archived; null until its results are published. */
export function retentionDueAt(call: { resultsPublishedAt: Date | null; retentionMonths: number }): Date | null {
  return call.resultsPublishedAt ? addParisMonths(call.resultsPublishedAt, call.retentionMonths) : null;
}

export type ArchiveCandidate = { phase: CallPhase; resultsPublishedAt: Date | null; retentionMonths: number };

/** Why the call cannot be archived now (French), or null. `forced`: an admin archives before the due date. */
export function archiveBlocker(call: ArchiveCandidate, now: Date, forced: boolean): string | null {
  if (call.phase === "ARCHIVED") return "Cet appel est déjà archivé.";
  if (call.phase !== "RESULTS_PUBLISHED" || !call.resultsPublishedAt) {
    return `Seul un appel dont les résultats sont publiés peut être archivé (phase actuelle : ${CALL_PHASE_LABEL[call.phase].toLowerCase()}).`;
  }
  const due = retentionDueAt(call)!;
  if (!forced && now < due) {
    return `La durée de conservation court jusqu’au ${formatParisDate(due)} : pour archiver avant cette date, cochez « Archiver avant l’échéance ».`;
  }
  return null;
}

/** Archived by the scheduler without anyone asking: published and past its retention period. */
export function isArchiveDue(call: ArchiveCandidate, now: Date): boolean {
  return archiveBlocker(call, now, false) === null;
}

export type DossierFate = "DELETE" | "ANONYMISE_LAUREATE" | "ANONYMISE";

/**
 * - Laureates stay public (title, summary, amounts, administration,
 *   category): only their form answers and author are removed.
 * - Other submitted dossiers stay as anonymous rows, because the public
 *   funnel and statistics count them (status, administration, category,
 *   amounts); their title, summary, answers and author are removed.
 * - Drafts and withdrawn dossiers are deleted, unless the jury's sealed
 *   record names them (a jury_dossier row): then they are anonymised.
 */
export function dossierFate(d: { status: DossierStatus; onJuryAgenda: boolean }): DossierFate {
  if (d.status === "LAUREATE") return "ANONYMISE_LAUREATE";
  if ((d.status === "DRAFT" || d.status === "WITHDRAWN") && !d.onJuryAgenda) return "DELETE";
  return "ANONYMISE";
}

/** Title an anonymised non-laureate dossier keeps. */
export const anonymisedDossierTitle = (reference: string | null) => `Dossier ${reference ?? "sans numéro"} (anonymisé)`;

export const ANONYMISED_EMAIL_DOMAIN = "anonymise.invalid";
export const anonymisedEmail = (userId: string) => `anonyme-${userId}@${ANONYMISED_EMAIL_DOMAIN}`;
export const ANONYMISED_NAME = "Personne anonymisée";
export const ERASED_TEXT = "[effacé à l’archivage]";

export type UserLinks = {
  hasGlobalRole: boolean;
  /** Calls of the person's per-call role grants. */
  grantCallIds: readonly string[];
  /** Calls on whose jury the person sits. */
  juryCallIds: readonly string[];
  /** Calls, other than archived ones, where the person's administration has a dossier. */
  administrationCallIds: readonly string[];
  /** Calls on whose dossiers the person was asked an outside opinion (an expert's only link to the portal). */
  expertCallIds: readonly string[];
  alreadyAnonymised: boolean;
};

/**
 * A person's contact data is tied only to this call when nothing else in the
 * portal needs it: no global role, no role or jury seat on another call, and
 * an administration with no dossier on another live call.
 */
export function isTiedOnlyToCall(links: UserLinks, callId: string): boolean {
  if (links.hasGlobalRole || links.alreadyAnonymised) return false;
  const only = (ids: readonly string[]) => ids.every((id) => id === callId);
  return only(links.grantCallIds) && only(links.juryCallIds) && only(links.administrationCallIds) && only(links.expertCallIds);
}

export type PlanRow = { id: string; label: string };
export type PlanLine = {
  table: string;
  action: "DELETE" | "ANONYMISE";
  /** What happens, in French, for the admin's listing. */
  description: string;
  rows: PlanRow[];
};

/** Fingerprint of a plan: the real run refuses to act on a list other than the one the admin read. */
export function planDigest(lines: readonly PlanLine[]): string {
  const body = JSON.stringify(lines.map((l) => [l.table, l.action, l.rows.map((r) => r.id).sort()]));
  return createHash("sha256").update(body).digest("hex");
}

/** What archiving never touches (shown on the page and in the decision record). */
export const KEPT_ON_ARCHIVE: readonly string[] = [
  "L’appel, ses catégories, ses critères, sa grille de notation et ses textes publics (composition du jury, suites).",
  "Les lauréats publiés : numéro, titre, résumé, montants, administration, catégorie (pages de résultats, données ouvertes SCDL, flux Atom, statistiques).",
  "Pour chaque dossier déposé non lauréat : une ligne anonyme (statut, administration, catégorie, montants) qui garde justes l’entonnoir et les statistiques publiés.",
  "Le relevé du jury : ordre du jour, décisions, montants, motivations, notes chiffrées, récusations et membres (nom seul), dont le procès-verbal est tiré.",
  "Le journal d’audit chaîné, y compris l’enregistrement scellé de la délibération : il n’est jamais modifié (ajout seul).",
  "Les administrations et ministères, et les comptes encore utiles ailleurs (rôle global, autre appel).",
];
