/**
 * When a call accepts submissions, on the server's clock. A deadline is a
 * minute (« 31 décembre 2020 à 23:59 »): the whole minute is in time, the
 * next one is late.
 */
import { formatParisDateTime } from "@/lib/time";

export type CallWindow = { kind: "CALL" | "ROLLING"; phase: string; opensAt: Date; closesAt: Date | null };

export type WindowState = { open: true } | { open: false; reason: "NOT_OPEN_YET" | "CLOSED" | "DEADLINE_PASSED"; message: string };

/** The first instant that is too late. */
export function lateFrom(closesAt: Date): Date {
  return new Date(Math.floor(closesAt.getTime() / 60_000) * 60_000 + 60_000);
}

export function submissionWindow(call: CallWindow, now: Date): WindowState {
  if (call.phase !== "OPEN") {
    return { open: false, reason: "CLOSED", message: "Cet appel n’accepte pas de dépôt : il n’est pas ouvert." };
  }
  if (now < call.opensAt) {
    return { open: false, reason: "NOT_OPEN_YET", message: `Les dépôts ouvrent le ${formatParisDateTime(call.opensAt)} (heure de Paris).` };
  }
  if (call.closesAt && now >= lateFrom(call.closesAt)) {
    return {
      open: false,
      reason: "DEADLINE_PASSED",
      message: `La date limite de dépôt (${formatParisDateTime(call.closesAt)}, heure de Paris) est dépassée : votre demande est arrivée trop tard et le dossier n’a pas été déposé.`,
    };
  }
  return { open: true };
}
