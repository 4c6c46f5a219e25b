/**
 * The eligibility checklist of a dossier, pure. Items the portal can compute
 * from what it holds (the administration's kind, the call's amount rules, a
 * complete form) are computed; the others — and a computed item that lacks its
 * data, like an imported dossier without form content — are ticked by staff.
 */
import type { AdministrationKind } from "@/lib/generated/prisma/enums";
import { checkBudget, type CallBudgetRules } from "@/lib/dossiers/budget";
import { validateForSubmission } from "@/lib/dossiers/submission-check";
import type { DossierContent } from "@/lib/dossiers/dossier.schema";
import { formatCents } from "@/lib/money";

export type EligibilityItemKey = "public-administration" | "amount-within-rules" | "complete-file" | "data-project" | "cofunding-confirmed";

export const ELIGIBILITY_ITEMS: readonly { key: EligibilityItemKey; label: string; computed: boolean }[] = [
  { key: "public-administration", label: "Porté par une administration de l’État ou un opérateur", computed: true },
  { key: "amount-within-rules", label: "Montant demandé conforme aux règles de l’appel", computed: true },
  { key: "complete-file", label: "Dossier complet", computed: true },
  { key: "data-project", label: "Le projet exploite, partage ou ouvre des données (objet de l’appel)", computed: false },
  { key: "cofunding-confirmed", label: "Part d’autofinancement de l’administration confirmée", computed: false },
];

export const isEligibilityItemKey = (key: string): key is EligibilityItemKey => ELIGIBILITY_ITEMS.some((i) => i.key === key);

export type EligibilityFacts = {
  administrationKind: AdministrationKind;
  requestedCents: bigint;
  totalCostCents: bigint;
  content: DossierContent;
  call: CallBudgetRules;
};

export type EligibilityItem = {
  key: EligibilityItemKey;
  label: string;
  /** true / false, or null when neither computed nor ticked yet. */
  met: boolean | null;
  /** "computed": the portal decided; "staff": ticked by a person; "pending". */
  source: "computed" | "staff" | "pending";
  detail: string | null;
};

export type Eligibility = { items: EligibilityItem[]; overall: "ELIGIBLE" | "NOT_ELIGIBLE" | "TO_CHECK" };

const hasForm = (content: DossierContent) => Object.keys(content ?? {}).length > 0;

/** What the portal can say by itself; null when it cannot. */
export function computeItem(key: EligibilityItemKey, f: EligibilityFacts): { met: boolean; detail: string | null } | null {
  switch (key) {
    case "public-administration":
      // The call is for the State's administrations: local authorities are not eligible.
      return f.administrationKind === "LOCAL_AUTHORITY"
        ? { met: false, detail: "Collectivité territoriale : hors du champ de l’appel." }
        : { met: true, detail: null };
    case "amount-within-rules": {
      if (f.requestedCents <= 0n) return null;
      const lines = f.totalCostCents > 0n ? [{ nature: "OTHER" as const, year: 2021, label: "Total", amountCents: Number(f.totalCostCents) }] : [];
      const issues = checkBudget(lines, f.requestedCents, f.call);
      return issues.length === 0
        ? { met: true, detail: `${formatCents(f.requestedCents)} demandés.` }
        : { met: false, detail: issues.map((i) => i.message).join(" ") };
    }
    case "complete-file": {
      if (!hasForm(f.content)) return null;
      const errors = Object.keys(validateForSubmission(f.content, f.call)).length;
      return errors === 0 ? { met: true, detail: null } : { met: false, detail: `${errors} champ${errors > 1 ? "s" : ""} à compléter.` };
    }
    default:
      return null;
  }
}

export function evaluateEligibility(f: EligibilityFacts, ticks: ReadonlyMap<string, boolean>): Eligibility {
  const items = ELIGIBILITY_ITEMS.map((item): EligibilityItem => {
    const computed = item.computed ? computeItem(item.key, f) : null;
    if (computed) return { key: item.key, label: item.label, met: computed.met, source: "computed", detail: computed.detail };
    const tick = ticks.get(item.key);
    return tick === undefined
      ? { key: item.key, label: item.label, met: null, source: "pending", detail: null }
      : { key: item.key, label: item.label, met: tick, source: "staff", detail: null };
  });
  const overall = items.some((i) => i.met === false) ? "NOT_ELIGIBLE" : items.every((i) => i.met === true) ? "ELIGIBLE" : "TO_CHECK";
  return { items, overall };
}

/** A person may tick an item only where the portal has no answer. */
export function canTick(key: EligibilityItemKey, f: EligibilityFacts): boolean {
  const item = ELIGIBILITY_ITEMS.find((i) => i.key === key)!;
  return !item.computed || computeItem(key, f) === null;
}

export const ELIGIBILITY_LABEL: Record<Eligibility["overall"], string> = {
  ELIGIBLE: "Éligible",
  NOT_ELIGIBLE: "Non éligible",
  TO_CHECK: "À vérifier",
};
