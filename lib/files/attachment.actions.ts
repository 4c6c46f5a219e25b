"use server";
/**
 * Thin wrapper: authenticate, then the mutation (which authorizes against the
 * dossier it loads, scoped by the session). Uploads are not a server action:
 * they stream through the route handler `…/pieces-jointes` (a server action
 * would buffer the whole body in memory first).
 */
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/session";
import { fail, type Result } from "@/lib/server/result";
import { removeAttachment } from "./attachment.mutations";

export type RemoveState = Result<{ removed: string }> | null;

/** « Retirer » a file: a native form (dossierId, attachmentId). */
export async function removeAttachmentAction(_prev: RemoveState, form: FormData): Promise<RemoveState> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  const result = await removeAttachment(viewer, { dossierId: form.get("dossierId"), attachmentId: form.get("attachmentId") });
  if (result.ok) revalidatePath("/espace/dossiers", "layout");
  return result;
}
