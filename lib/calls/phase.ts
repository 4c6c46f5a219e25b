/**
 * The phases of a call and the moves between them, as one table. Pure: the
 * transition mutation and the call console both read it, the unit tests
 * walk it. A move not in the table does not exist.
 *
 * Two moves are in the table but performed elsewhere, so that their own
 * checks and side effects stay in one place: publishing the results
 * (lib/publication) and archiving (the data-retention screen).
 */
import { lateFrom } from "@/lib/dossiers/deadline";
import type { CallKind, CallPhase } from "@/lib/generated/prisma/enums";
import { formatParisDateTime } from "@/lib/time";

export const PHASES = ["DRAFT", "OPEN", "CLOSED", "PRESELECTION", "AUDITIONS", "DELIBERATION", "RESULTS_PUBLISHED", "ARCHIVED"] as const satisfies readonly CallPhase[];

export type Performer = "console" | "publication" | "retention";

export type Transition = {
  from: CallPhase;
  to: CallPhase;
  /** The button. */
  label: string;
  /** What the person confirms before the move. */
  confirmation: string;
  /** Only for these kinds of call. */
  kinds: readonly CallKind[];
  /** A step back: allowed only where nothing is lost (reopening asks for a later deadline). */
  backwards: boolean;
  performer: Performer;
};

const BOTH: readonly CallKind[] = ["CALL", "ROLLING"];
const CALL_ONLY: readonly CallKind[] = ["CALL"];

export const TRANSITIONS: readonly Transition[] = [
  {
    from: "DRAFT",
    to: "OPEN",
    label: "Ouvrir l’appel",
    confirmation: "L’appel sera publié et les administrations pourront déposer leurs dossiers à partir de la date d’ouverture.",
    kinds: BOTH,
    backwards: false,
    performer: "console",
  },
  {
    from: "OPEN",
    to: "CLOSED",
    label: "Clore les dépôts",
    confirmation: "Plus aucun dossier ne pourra être déposé. Les brouillons non déposés resteront des brouillons.",
    kinds: CALL_ONLY,
    backwards: false,
    performer: "console",
  },
  {
    from: "CLOSED",
    to: "OPEN",
    label: "Rouvrir les dépôts",
    confirmation: "Les dépôts rouvrent jusqu’à la nouvelle date limite, pour toutes les administrations ; celles qui ont un dossier ou un brouillon sont prévenues par courriel.",
    kinds: CALL_ONLY,
    backwards: true,
    performer: "console",
  },
  {
    from: "CLOSED",
    to: "PRESELECTION",
    label: "Commencer la présélection",
    confirmation: "L’équipe du programme instruit les dossiers déposés et prépare la présélection.",
    kinds: CALL_ONLY,
    backwards: false,
    performer: "console",
  },
  {
    from: "PRESELECTION",
    to: "AUDITIONS",
    label: "Passer aux auditions",
    confirmation: "La présélection est arrêtée : les dossiers présélectionnés sont auditionnés par le jury.",
    kinds: CALL_ONLY,
    backwards: false,
    performer: "console",
  },
  {
    from: "AUDITIONS",
    to: "DELIBERATION",
    label: "Ouvrir la délibération",
    confirmation: "Les auditions sont terminées : le jury délibère.",
    kinds: CALL_ONLY,
    backwards: false,
    performer: "console",
  },
  {
    from: "DELIBERATION",
    to: "RESULTS_PUBLISHED",
    label: "Publier les résultats",
    confirmation: "Écran de publication des résultats.",
    kinds: CALL_ONLY,
    backwards: false,
    performer: "publication",
  },
  {
    from: "RESULTS_PUBLISHED",
    to: "ARCHIVED",
    label: "Archiver l’appel",
    confirmation: "Écran de conservation des données.",
    kinds: CALL_ONLY,
    backwards: false,
    performer: "retention",
  },
];

export function findTransition(kind: CallKind, from: CallPhase, to: CallPhase): Transition | null {
  return TRANSITIONS.find((t) => t.from === from && t.to === to && t.kinds.includes(kind)) ?? null;
}

/** The moves offered from a phase, for a kind of call (including those done on another screen). */
export function transitionsFrom(kind: CallKind, from: CallPhase): Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.kinds.includes(kind));
}

export type TransitionContext = {
  kind: CallKind;
  phase: CallPhase;
  closesAt: Date | null;
  /** Checklist items still missing (lib/calls/checklist.ts). */
  missing: readonly string[];
  /** The new deadline, when reopening. */
  newClosesAt: Date | null;
  now: Date;
};

export type TransitionCheck = { ok: true; transition: Transition } | { ok: false; message: string; field?: "to" | "newClosesAt" };

/** Whether the console may perform `to` now, with a French reason when it may not. */
export function checkTransition(ctx: TransitionContext, to: CallPhase, slug: string): TransitionCheck {
  const t = findTransition(ctx.kind, ctx.phase, to);
  if (!t) {
    if (ctx.kind === "ROLLING" && to === "CLOSED") return { ok: false, field: "to", message: "Un guichet en continu reste ouvert : il ne se clôt pas comme un appel à projets." };
    return { ok: false, field: "to", message: `Passage impossible de « ${PHASE_NAME[ctx.phase]} » à « ${PHASE_NAME[to]} ».` };
  }
  if (t.performer === "publication") {
    return { ok: false, field: "to", message: `Les résultats se publient depuis l’écran « Publication des résultats » (/espace/appels/${slug}/publication), qui vérifie la délibération et prévient les administrations.` };
  }
  if (t.performer === "retention") {
    return { ok: false, field: "to", message: "L’archivage se fait depuis l’écran « Conservation des données » de l’appel, qui liste d’abord ce qui sera supprimé ou anonymisé." };
  }
  if (to === "OPEN" && ctx.phase === "DRAFT") {
    if (ctx.missing.length > 0) return { ok: false, field: "to", message: `L’appel ne peut pas ouvrir : ${ctx.missing.join(" ; ")}.` };
    if (ctx.kind === "CALL" && ctx.closesAt && ctx.closesAt <= ctx.now) {
      return { ok: false, field: "to", message: `La date de clôture (${formatParisDateTime(ctx.closesAt)}) est déjà passée : choisissez une date de clôture future avant d’ouvrir l’appel.` };
    }
  }
  if (to === "CLOSED" && ctx.closesAt && ctx.now < lateFrom(ctx.closesAt)) {
    return { ok: false, field: "to", message: `La date limite de dépôt (${formatParisDateTime(ctx.closesAt)}) n’est pas encore passée : les dépôts ne peuvent pas être clos avant.` };
  }
  if (t.backwards && to === "OPEN") {
    if (!ctx.newClosesAt) return { ok: false, field: "newClosesAt", message: "Nouvelle date de clôture : indiquez la date jusqu’à laquelle les dépôts rouvrent." };
    if (ctx.newClosesAt <= ctx.now) return { ok: false, field: "newClosesAt", message: "Nouvelle date de clôture : elle doit être dans le futur." };
    if (ctx.closesAt && ctx.newClosesAt <= ctx.closesAt) {
      return { ok: false, field: "newClosesAt", message: `Nouvelle date de clôture : elle doit être postérieure à l’ancienne (${formatParisDateTime(ctx.closesAt)}).` };
    }
  }
  return { ok: true, transition: t };
}

export const PHASE_NAME: Record<CallPhase, string> = {
  DRAFT: "en préparation",
  OPEN: "ouvert",
  CLOSED: "clos",
  PRESELECTION: "présélection",
  AUDITIONS: "auditions",
  DELIBERATION: "délibération",
  RESULTS_PUBLISHED: "résultats publiés",
  ARCHIVED: "archivé",
};
