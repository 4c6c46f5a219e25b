/**
 * Integration-test helper: a dossier filled step by step with the complete
 * fixture and submitted, through the app's own mutations (not inserted).
 */
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { COMPLETE_STEPS } from "@/lib/dossiers/dossier.fixtures";
import { createDraft, saveStep, submitDossier } from "@/lib/dossiers/dossier.mutations";
import { STEP_KEYS, type StepKey } from "@/lib/dossiers/dossier.schema";
import { db } from "@/lib/server/db";

export async function submitCompleteDossier(actor: Actor, callSlug: string, categoryKey: string): Promise<string> {
  const created = await createDraft(actor, callSlug);
  if (!created.ok) throw new Error(created.message);
  const id = created.data.id;
  for (const step of STEP_KEYS as StepKey[]) {
    const { version } = await db.dossier.findUniqueOrThrow({ where: { id }, select: { version: true } });
    const r = await saveStep(actor, { dossierId: id, step, version, values: step === "category" ? { categoryKey } : COMPLETE_STEPS[step] });
    if (!r.ok) throw new Error(r.message);
  }
  const s = await submitDossier(actor, { dossierId: id, idempotencyKey: randomUUID() });
  if (!s.ok) throw new Error(s.message);
  return id;
}
