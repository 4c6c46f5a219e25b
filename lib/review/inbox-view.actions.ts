"use server";
/**
 * Thin wrappers for the saved-view forms (useActionState): authenticate, the
 * coarse staff gate, then the mutation, which authorizes on the call and the
 * view's owner and re-validates everything with zod.
 */
import { revalidatePath } from "next/cache";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import { echoOnFailure } from "@/lib/server/form-echo";
import { fail, type Err, type Result } from "@/lib/server/result";
import { deleteInboxView, renameInboxView, saveInboxView, type SavedView } from "./inbox-view.mutations";

export type ViewActionState<T> = Result<T> | null;

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

async function staffViewer(): Promise<{ viewer: Actor } | { error: Err }> {
  const viewer = await getViewer();
  if (!viewer) return { error: fail("UNAUTHENTICATED") };
  if (!can(viewer, "review.act", null)) return { error: fail("FORBIDDEN") };
  return { viewer };
}

function done<T>(result: Result<T>, form: FormData): Result<T> {
  // The inbox lists the views: its page reads them again.
  if (result.ok) revalidatePath("/instruction", "layout");
  return echoOnFailure(result, form);
}

export async function saveInboxViewAction(_prev: ViewActionState<SavedView>, form: FormData): Promise<ViewActionState<SavedView>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await saveInboxView(s.viewer, { callId: str(form, "callId"), name: str(form, "name"), query: str(form, "query") }), form);
}

export async function renameInboxViewAction(_prev: ViewActionState<SavedView>, form: FormData): Promise<ViewActionState<SavedView>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await renameInboxView(s.viewer, { viewId: str(form, "viewId"), name: str(form, "name") }), form);
}

export async function deleteInboxViewAction(_prev: ViewActionState<{ id: string }>, form: FormData): Promise<ViewActionState<{ id: string }>> {
  const s = await staffViewer();
  if ("error" in s) return echoOnFailure(s.error, form);
  return done(await deleteInboxView(s.viewer, { viewId: str(form, "viewId") }), form);
}
