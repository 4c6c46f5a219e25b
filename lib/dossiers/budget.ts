/**
 * Budget rules, pure: totals in integer cents, co-financing rate in basis
 * points, and the call's rules turned into French errors with figures.
 */
import { formatCents } from "@/lib/money";

export const BUDGET_NATURES = ["STAFF", "SERVICES", "SOFTWARE", "HARDWARE", "OTHER"] as const;
export type BudgetNature = (typeof BUDGET_NATURES)[number];

export const BUDGET_NATURE_LABEL: Record<BudgetNature, string> = {
  STAFF: "Personnel",
  SERVICES: "Prestations de services",
  SOFTWARE: "Logiciels et licences",
  HARDWARE: "Matériel",
  OTHER: "Autres dépenses",
};

export type BudgetLine = { nature: BudgetNature; year: number; label: string; amountCents: number };

export type CallBudgetRules = {
  maxRequestedCents: bigint | null;
  minRequestedCents: bigint | null;
  /** 5000 = 50 % */
  maxRateBps: number | null;
};

export type BudgetTotals = {
  totalCents: bigint;
  byNature: Record<BudgetNature, bigint>;
  byYear: { year: number; cents: bigint }[];
};

export function budgetTotals(lines: readonly BudgetLine[]): BudgetTotals {
  const byNature = Object.fromEntries(BUDGET_NATURES.map((n) => [n, 0n])) as Record<BudgetNature, bigint>;
  const years = new Map<number, bigint>();
  let totalCents = 0n;
  for (const line of lines) {
    const cents = BigInt(line.amountCents);
    totalCents += cents;
    byNature[line.nature] += cents;
    years.set(line.year, (years.get(line.year) ?? 0n) + cents);
  }
  const byYear = [...years.entries()].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, cents }));
  return { totalCents, byNature, byYear };
}

/** Requested / total in basis points, rounded up: 50.001 % is above a 50 % cap. */
export function rateBps(requestedCents: bigint, totalCents: bigint): number | null {
  if (totalCents <= 0n) return null;
  return Number((requestedCents * 10_000n + totalCents - 1n) / totalCents);
}

/** « 50 % », « 33,33 % » */
export function formatRate(bps: number): string {
  return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 }).format(bps / 100)} %`;
}

export type BudgetIssue = { field: "budget.lines" | "budget.requestedCents"; message: string };

/** Everything a submitted budget must satisfy; empty when it is acceptable. */
export function checkBudget(lines: readonly BudgetLine[], requestedCents: bigint, rules: CallBudgetRules): BudgetIssue[] {
  const issues: BudgetIssue[] = [];
  const { totalCents } = budgetTotals(lines);
  if (lines.length === 0 || totalCents <= 0n) {
    issues.push({ field: "budget.lines", message: "Ajoutez au moins une ligne de dépense d’un montant positif." });
    return issues;
  }
  if (requestedCents <= 0n) {
    issues.push({ field: "budget.requestedCents", message: "Indiquez le montant de cofinancement demandé." });
    return issues;
  }
  if (requestedCents > totalCents) {
    issues.push({
      field: "budget.requestedCents",
      message: `Le cofinancement demandé (${formatCents(requestedCents)}) dépasse le coût total du projet (${formatCents(totalCents)}).`,
    });
  }
  if (rules.maxRequestedCents !== null && requestedCents > rules.maxRequestedCents) {
    issues.push({
      field: "budget.requestedCents",
      message: `Le cofinancement demandé (${formatCents(requestedCents)}) dépasse le plafond de l’appel (${formatCents(rules.maxRequestedCents)}).`,
    });
  }
  if (rules.minRequestedCents !== null && requestedCents < rules.minRequestedCents) {
    issues.push({
      field: "budget.requestedCents",
      message: `Le cofinancement demandé (${formatCents(requestedCents)}) est inférieur au minimum de l’appel (${formatCents(rules.minRequestedCents)}).`,
    });
  }
  const rate = rateBps(requestedCents, totalCents);
  if (rules.maxRateBps !== null && rate !== null && rate > rules.maxRateBps && requestedCents <= totalCents) {
    issues.push({
      field: "budget.requestedCents",
      message: `Le taux de cofinancement demandé (${formatRate(rate)}) dépasse le taux maximal de l’appel (${formatRate(rules.maxRateBps)}).`,
    });
  }
  return issues;
}
