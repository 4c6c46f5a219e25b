"use server";
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/session";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, type Result } from "@/lib/server/result";
import * as m from "./jury.mutations";
import { gridFromForm } from "./jury.schema";

export type ActionState = Result<unknown> | null;

const str = (form: FormData, key: string) => {
  const v = form.get(key);
  return typeof v === "string" ? v : undefined;
};

/** authenticate → (authorize, parse, mutate inside the mutation) → revalidate. */
async function run(form: FormData, mutate: (actor: NonNullable<Awaited<ReturnType<typeof getViewer>>>, callId: string) => Promise<Result<unknown>>): Promise<ActionState> {
  const actor = await getViewer();
  // A refusal echoes what was submitted (lib/server/form-echo.ts).
  if (!actor) return echoOnFailure(fail("UNAUTHENTICATED"), form);
  const callId = str(form, "callId") ?? "";
  // A call id that is not a UUID names no call: refused before any query
  // (the database would reject the cast with a 500).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(callId)) return echoOnFailure(fail("FORBIDDEN"), form);
  const result = await mutate(actor, callId);
  const path = str(form, "path");
  if (result.ok && (path?.startsWith("/jury/") || path?.startsWith("/instruction/appels/"))) revalidatePath(path);
  return echoOnFailure(result, form);
}

export async function acceptConfidentialityAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.acceptConfidentiality(actor, callId));
}

export async function declareConflictAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.declareConflict(actor, callId, { juryDossierId: str(form, "juryDossierId"), type: str(form, "type"), reason: str(form, "reason") }));
}

export async function completeDeclarationsAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.completeDeclarations(actor, callId));
}

export async function reviewConflictAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.reviewConflict(actor, callId, { conflictId: str(form, "conflictId"), status: str(form, "status"), lock: form.get("lock") === "on" }));
}

export async function proposeConflictsAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.proposeConflicts(actor, callId));
}

export async function lockDossierAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.lockDossier(actor, callId, str(form, "juryDossierId") ?? ""));
}

export async function recordDecisionAction(_prev: ActionState, form: FormData) {
  const euros = (str(form, "grantedEuros") ?? "").replace(/\s/g, "").replace(",", ".");
  const grantedCents = euros === "" ? null : /^\d+(\.\d{1,2})?$/.test(euros) ? String(Math.round(Number(euros) * 100)) : "invalide";
  return run(form, (actor, callId) =>
    m.recordDecision(actor, callId, { juryDossierId: str(form, "juryDossierId"), decision: str(form, "decision"), grantedCents, motivation: str(form, "motivation") }),
  );
}

export async function lockDeliberationAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.lockDeliberation(actor, callId));
}

// ——— Staff: grid, conflicts, feedback (the mutations authorize with `jury.manage`) ———

export async function saveScoringGridAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.saveScoringGrid(actor, callId, gridFromForm(form)));
}

export async function addConflictAsStaffAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) =>
    m.addConflictAsStaff(actor, callId, { memberId: str(form, "memberId"), juryDossierId: str(form, "juryDossierId"), type: str(form, "type"), reason: str(form, "reason"), lock: form.get("lock") === "on" }),
  );
}

export async function draftFeedbacksAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.draftFeedbacks(actor, callId));
}

export async function saveFeedbackAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.saveFeedback(actor, callId, { juryDossierId: str(form, "juryDossierId"), text: str(form, "text") }));
}

export async function releaseFeedbacksAction(_prev: ActionState, form: FormData) {
  return run(form, (actor, callId) => m.releaseFeedbacks(actor, callId));
}
