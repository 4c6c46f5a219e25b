import "server-only";
import { headers } from "next/headers";

/**
 * The client's IP as seen by the closest proxy: the last X-Forwarded-For
 * entry (the one our own reverse proxy appends; earlier entries are whatever
 * the client sent). Production must run behind a proxy that sets it.
 */
export async function clientIp(): Promise<string> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last ?? h.get("x-real-ip") ?? "unknown";
}

/** Absolute origin for links in e-mails: NEXTAUTH_URL, never the Host header (which a client controls). */
export function appOrigin(): string {
  const url = process.env.NEXTAUTH_URL;
  if (!url) throw new Error("NEXTAUTH_URL is not set");
  return new URL(url).origin;
}
