"use server";
/**
 * Thin wrappers for the outside-opinion forms (useActionState): authenticate,
 * the coarse gate, then the mutation, which authorizes on the dossier or the
 * request it loads and re-validates everything with zod.
 */
import { revalidatePath } from "next/cache";
import { can } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, type Result } from "@/lib/server/result";
import { giveOpinion, requestOpinion, type OpinionGiven } from "./opinion.mutations";

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

export async function requestOpinionAction(_prev: Result<{ id: string }> | null, form: FormData): Promise<Result<{ id: string }>> {
  const viewer = await getViewer();
  if (!viewer) return echoOnFailure(fail("UNAUTHENTICATED"), form);
  if (!can(viewer, "review.act", null)) return echoOnFailure(fail("FORBIDDEN"), form);
  const result = await requestOpinion(viewer, {
    dossierId: str(form, "dossierId"),
    email: str(form, "email"),
    name: str(form, "name"),
    message: str(form, "message"),
    question: str(form, "question"),
    dueDate: str(form, "dueDate"),
    confidential: str(form, "confidential") === "on",
  });
  if (result.ok) revalidatePath("/instruction", "layout");
  return echoOnFailure(result, form);
}

export async function giveOpinionAction(_prev: Result<OpinionGiven> | null, form: FormData): Promise<Result<OpinionGiven>> {
  const viewer = await getViewer();
  if (!viewer) return echoOnFailure(fail("UNAUTHENTICATED"), form);
  // Any signed-in person may try: the mutation answers « introuvable » unless the request is theirs.
  const result = await giveOpinion(viewer, { opinionId: str(form, "opinionId"), opinion: str(form, "opinion"), answer: str(form, "answer") });
  if (result.ok) revalidatePath("/espace/avis", "layout");
  return echoOnFailure(result, form);
}
