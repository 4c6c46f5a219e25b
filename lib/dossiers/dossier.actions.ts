"use server";
/**
 * Thin wrappers: authenticate, then the mutation (which authorizes against
 * the dossier it loads, scoped by the session, and re-validates with zod).
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/session";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, type Err, type Result } from "@/lib/server/result";
import { z } from "@/lib/validation/zod";
import { answerCorrection, createDraft, saveStep, submitDossier, withdrawDossier, type ConflictErr, type Submission } from "./dossier.mutations";

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100);

export type FormState = Err | null;

/** « Créer le brouillon »: a native form, works without JavaScript. */
export async function createDossierAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  const parsed = slug.safeParse(form.get("callSlug"));
  if (!parsed.success) return fail("NOT_FOUND", "Cet appel à projets est introuvable.");
  const result = await createDraft(viewer, parsed.data);
  if (!result.ok) return result;
  revalidatePath("/espace/dossiers");
  redirect(`/espace/dossiers/${result.data.id}`);
}

export async function saveDossierStepAction(input: unknown): Promise<Result<{ version: number; savedAt: string }> | ConflictErr> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  return saveStep(viewer, input);
}

export async function submitDossierAction(input: unknown): Promise<Result<Submission>> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  const result = await submitDossier(viewer, input);
  if (result.ok) revalidatePath("/espace/dossiers");
  return result;
}

/** « Retirer le dossier »: a native form, works without JavaScript. */
export async function withdrawDossierAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  const result = await withdrawDossier(viewer, { dossierId: form.get("dossierId"), reason: form.get("reason") ?? "" });
  if (!result.ok) return echoOnFailure(result, form);
  revalidatePath("/espace/dossiers");
  redirect("/espace/dossiers");
}

/** The applicant's answer to staff's correction request: a native form. */
export async function answerCorrectionAction(_prev: Result<{ answeredAt: string }> | null, form: FormData): Promise<Result<{ answeredAt: string }> | null> {
  const viewer = await getViewer();
  if (!viewer) return echoOnFailure(fail("UNAUTHENTICATED"), form);
  const result = await answerCorrection(viewer, { dossierId: form.get("dossierId"), answer: form.get("answer") });
  if (result.ok) revalidatePath("/espace/dossiers", "layout");
  return echoOnFailure(result, form);
}
