"use server";
/**
 * A plain form action (no JavaScript needed): asks for a background export of
 * the inbox's current list, then shows the call's exports page.
 */
import { redirect } from "next/navigation";
import { can } from "@/lib/auth/policy";
import { getViewer } from "@/lib/auth/session";
import { fail, type Err } from "@/lib/server/result";
import { isSlug } from "@/lib/validation/ids";
import { requestExportJob } from "./export-job";

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

export async function requestExportJobAction(form: FormData): Promise<Err> {
  const viewer = await getViewer();
  if (!viewer) return fail("UNAUTHENTICATED");
  if (!can(viewer, "review.act", null)) return fail("FORBIDDEN");
  const slug = str(form, "slug");
  const result = await requestExportJob(viewer, { slug, format: str(form, "format"), query: str(form, "query") ?? "" });
  if (!slug || !isSlug(slug)) return result.ok ? fail("INVALID_INPUT") : result;
  if (result.ok) redirect(`/instruction/appels/${slug}/exports?demande=${result.data.id}`);
  if (result.code === "CONFLICT") redirect(`/instruction/appels/${slug}/exports?refus=file-pleine`);
  return result;
}
