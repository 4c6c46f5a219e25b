"use server";
import { revalidatePath } from "next/cache";
import { echoOnFailure } from "@/lib/server/form-echo";
import { isAdmin, type Actor } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { fail, fieldErrorsFromZod, type Err, type Result } from "@/lib/server/result";
import { invalidatePublication } from "@/lib/publication/publication.cache";
import { archiveCall, setRetentionPeriod, type Archived } from "./retention.mutations";
import { archiveInput, retentionPeriodInput } from "./retention.schema";

export type ArchiveState = Result<Archived> | null;
export type RetentionPeriodState = Result<{ months: number; version: number }> | null;

/** Administrators only: checked before the form is even read (deny by default). */
async function admin(): Promise<{ ok: true; viewer: Actor } | Err> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  if (!isAdmin(viewer)) return fail("FORBIDDEN");
  return { ok: true, viewer };
}

export async function archiveCallAction(_previous: ArchiveState, formData: FormData): Promise<ArchiveState> {
  const who = await admin();
  if (!who.ok) return who;
  const parsed = archiveInput.safeParse({
    callId: formData.get("callId"),
    digest: formData.get("digest"),
    forced: formData.get("forced") ?? undefined,
    confirm: formData.get("confirm") ?? undefined,
  });
  if (!parsed.success) return fail("INVALID_INPUT", parsed.error.issues[0]?.message, fieldErrorsFromZod(parsed.error.issues));
  const result = await archiveCall(who.viewer, parsed.data);
  if (result.ok) {
    // The public results stay; their cached pages are rebuilt from the archived call.
    invalidatePublication(result.data.slug);
    revalidatePath(`/espace/appels/${result.data.slug}/conservation`);
  }
  return result;
}

export async function setRetentionPeriodAction(_previous: RetentionPeriodState, formData: FormData): Promise<RetentionPeriodState> {
  const who = await admin();
  if (!who.ok) return who;
  const parsed = retentionPeriodInput.safeParse({ callId: formData.get("callId"), months: formData.get("months"), version: formData.get("version") });
  if (!parsed.success) return echoOnFailure(fail("INVALID_INPUT", parsed.error.issues[0]?.message, fieldErrorsFromZod(parsed.error.issues)), formData);
  const result = await setRetentionPeriod(who.viewer, parsed.data);
  if (result.ok) revalidatePath("/espace/appels/[slug]/conservation", "page");
  return echoOnFailure(result, formData);
}
