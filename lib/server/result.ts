/**
 * What every server action and mutation returns. Never a raw error or a raw
 * record: a code the UI maps to French text, and field errors in French.
 */
export type FieldErrors = Record<string, string[]>;

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "DEADLINE_PASSED"
  | "RATE_LIMITED"
  | "RETRYABLE"
  | "INTERNAL";

export type Ok<T> = { ok: true; data: T };
/** `submitted`: what the refused form held, sent back so a page rendered again by the server keeps it (lib/server/form-echo.ts). */
export type Err = { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; submitted?: Record<string, string[]> };
export type Result<T> = Ok<T> | Err;

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Vous devez vous connecter pour continuer.",
  FORBIDDEN: "Vous n’avez pas les droits nécessaires pour cette action.",
  NOT_FOUND: "L’élément demandé est introuvable.",
  INVALID_INPUT: "Certaines informations sont invalides : corrigez les champs signalés.",
  CONFLICT: "Cet élément a été modifié entre-temps par quelqu’un d’autre.",
  DEADLINE_PASSED: "La date limite est dépassée.",
  RATE_LIMITED: "Trop de tentatives : réessayez dans quelques minutes.",
  RETRYABLE: "Le service est momentanément indisponible : réessayez.",
  INTERNAL: "Une erreur inattendue est survenue. Réessayez ; si elle persiste, contactez l’équipe du programme.",
};

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });

export function fail(code: ErrorCode, message: string = ERROR_MESSAGES[code], fieldErrors?: FieldErrors): Err {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

/** zod issues → `{ "budget.lines.0.amount": ["…"] }` */
export function fieldErrorsFromZod(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** HTTP status for a route handler answering with an `Err`. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  DEADLINE_PASSED: 422,
  RATE_LIMITED: 429,
  RETRYABLE: 503,
  INTERNAL: 500,
};
