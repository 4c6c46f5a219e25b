/**
 * Demo « audition day »: a fictional call in the AUDITIONS phase with eight
 * preselected dossiers on today's schedule (30-minute slots, the
 * first one under way at seeding), a scoring grid and five jurors including a chair. One juror
 * works for an administration that has a dossier: the app proposes that
 * conflict; a second one (Zoé Jurée, Rectorat fictif de Valmont) gives staff
 * a second proposal to review without touching the first juror's own
 * declaration (e2e/jury-staff.spec.ts). Another (jure3) has already accepted
 * the terms and declared a conflict on the third dossier: the authorization
 * matrix signs in as that juror to prove the dossier never reaches them.
 * Called once from seedDemo, in its transaction.
 */
import { randomUUID } from "node:crypto";
import round from "./data/france-relance-2021-round1.json" with { type: "json" };
import type { Tx } from "@/lib/server/prisma";
import { eurosToCents } from "@/lib/money";
import { parisLocalToInstant } from "@/lib/time";

export const DEMO_JURY_CALL_SLUG = "journee-auditions-demo";

export const DEMO_JURORS = [
  { email: "presidente@demo.laureat.fr", name: "Paule Présidente", organisation: "Chercheuse fictive (démo)", chair: true },
  { email: "jury@demo.laureat.fr", name: "Jules Juré", organisation: null, chair: false },
  { email: "jure2@demo.laureat.fr", name: "Bérénice Jurée", organisation: "Préfecture fictive de Bellecombe", chair: false },
  { email: "jure3@demo.laureat.fr", name: "Hugo Juré", organisation: "Entrepreneur fictif (démo)", chair: false },
  { email: "jure4@demo.laureat.fr", name: "Zoé Jurée", organisation: "Rectorat fictif de Valmont", chair: false },
] as const;

/** The dossier on which jure3 has declared a conflict (see DEMO_CONFLICTED_JUROR). */
export const DEMO_CONFLICTED_DOSSIER_TITLE = "API fictive des parcelles et des aides";
export const DEMO_CONFLICTED_JUROR = "jure3@demo.laureat.fr";

const DOSSIERS: [administration: string, title: string, requestedEuros: number][] = [
  ["Préfecture fictive de Bellecombe", "Tableau de bord fictif des délais de délivrance des titres", 180_000],
  ["Direction fictive des données judiciaires", "Entrepôt fictif des décisions anonymisées", 420_000],
  ["Office fictif des données agricoles", DEMO_CONFLICTED_DOSSIER_TITLE, 260_000],
  ["Agence fictive de l’emploi territorial", "Prévision fictive des besoins de recrutement", 310_000],
  ["Institut fictif de la donnée universitaire", "Catalogue fictif des jeux de données de la recherche", 150_000],
  ["Service fictif de l’observation des forêts", "Cartographie fictive des coupes forestières", 390_000],
  ["Caisse fictive des solidarités", "Détection fictive du non-recours aux droits", 470_000],
  ["Rectorat fictif de Valmont", "Pilotage fictif des remplacements d’enseignants", 220_000],
];

export async function seedJuryDemo(tx: Tx, passwordHash: string): Promise<void> {
  const callId = randomUUID();
  await tx.call.create({
    data: {
      id: callId,
      slug: DEMO_JURY_CALL_SLUG,
      title: "Journée d’auditions de démonstration",
      summary: "Appel fictif en phase d’auditions : huit dossiers présélectionnés, un jury de cinq membres.",
      description: "*Appel de démonstration entièrement fictif : les dossiers, les administrations candidates, les jurés et les montants sont inventés.*",
      kind: "CALL",
      phase: "AUDITIONS",
      themes: round.call.themes,
      opensAt: parisLocalToInstant("2026-09-01T09:00"),
      closesAt: parisLocalToInstant("2026-10-15T12:00"),
      budgetEnvelopeCents: eurosToCents(1_200_000),
    },
  });
  const criteria = round.selection_criteria.map((c, position) => ({ id: randomUUID(), callId, key: c.key, label: c.label, weight: 25, position, thresholdHalf: c.key === "technical" ? 4 : null }));
  await tx.criterion.createMany({ data: criteria });
  await tx.scoringGrid.create({
    data: { callId, scaleMaxHalf: 10, stepHalf: 1, commentMode: "OVERALL", contestedSpreadHalf: 4, cutSize: 4, tieBreak: ["benefits", "technical", "sustainability", "budget"] },
  });

  const administrations = await tx.administration.findMany({ where: { name: { in: DOSSIERS.map(([a]) => a) } }, select: { id: true, name: true } });
  const admId = new Map(administrations.map((a) => [a.name, a.id]));
  // The first slot started five minutes before the seeding: it is under way
  // for the next 25 minutes whatever the time the demo (or e2e run) starts.
  const start = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
  const juryDossierIds = new Map<string, string>();
  for (const [i, [administration, title, euros]] of DOSSIERS.entries()) {
    const dossierId = randomUUID();
    await tx.dossier.create({
      data: {
        id: dossierId,
        callId,
        administrationId: admId.get(administration)!,
        reference: `LAU-DEMO-${String(i + 1).padStart(4, "0")}`,
        title,
        summary: `Dossier de démonstration inventé (${administration}).`,
        status: "PRESELECTED",
        requestedCents: eurosToCents(euros),
        totalCostCents: eurosToCents(euros * 2),
        submittedAt: parisLocalToInstant("2026-10-14T16:00"),
      },
    });
    const juryDossier = await tx.juryDossier.create({
      select: { id: true },
      data: { dossierId, position: i + 1, auditionStartsAt: new Date(start + i * 30 * 60_000), auditionEndsAt: new Date(start + (i + 1) * 30 * 60_000) },
    });
    juryDossierIds.set(title, juryDossier.id);
  }

  for (const juror of DEMO_JURORS) {
    const user =
      (await tx.user.findUnique({ where: { email: juror.email }, select: { id: true } })) ??
      (await tx.user.create({ data: { email: juror.email, name: juror.name, passwordHash, organisation: juror.organisation }, select: { id: true } }));
    await tx.roleGrant.create({ data: { userId: user.id, role: "JURY", callId } });
    const conflicted = juror.email === DEMO_CONFLICTED_JUROR;
    const now = new Date();
    const member = await tx.juryMember.create({
      select: { id: true },
      data: { callId, userId: user.id, isChair: juror.chair, ...(conflicted ? { confidentialityAcceptedAt: now, declaredAt: now } : {}) },
    });
    if (conflicted) {
      await tx.juryConflict.create({
        data: {
          memberId: member.id,
          juryDossierId: juryDossierIds.get(DEMO_CONFLICTED_DOSSIER_TITLE)!,
          type: "PROFESSIONAL",
          reason: "A conseillé l’office sur ce projet avant le dépôt (démonstration).",
          source: "DECLARED",
          status: "CONFIRMED",
        },
      });
    }
  }
}
