"use server";
import { getViewer } from "@/lib/auth/session";
import { fail, fieldErrorsFromZod, ok, type Result } from "@/lib/server/result";
import { invalidatePublication } from "./publication.cache";
import { publishResults } from "./publication.mutations";
import { publishInput } from "./publication.schema";

export type PublishState = Result<{ slug: string; laureates: number; mails: number }> | null;

export async function publishResultsAction(_previous: PublishState, formData: FormData): Promise<PublishState> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  const parsed = publishInput.safeParse({ callId: formData.get("callId"), confirm: formData.get("confirm") ?? undefined });
  if (!parsed.success) return fail("INVALID_INPUT", parsed.error.issues[0]?.message, fieldErrorsFromZod(parsed.error.issues));
  // The mutation authorizes on the call it loads (`publication.publish`).
  const result = await publishResults(viewer, parsed.data.callId);
  if (!result.ok) return result;
  invalidatePublication(result.data.slug);
  return ok({ slug: result.data.slug, laureates: result.data.laureates, mails: result.data.mails });
}
