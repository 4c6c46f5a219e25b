import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * ANSSI / NIST 800-63B style: length over composition rules, and a refusal
 * of well-known or guessable passwords. Returns French messages; empty = ok.
 */
export function passwordPolicyErrors(password: string, email?: string): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [`Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`];
  if (password.length > PASSWORD_MAX_LENGTH) return [`Le mot de passe ne peut dépasser ${PASSWORD_MAX_LENGTH} caractères.`];
  const lower = password.toLowerCase();
  const errors: string[] = [];
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) {
    errors.push("Ce mot de passe est trop courant ou trop facile à deviner : choisissez-en un autre, par exemple une phrase de plusieurs mots.");
  }
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) errors.push("Le mot de passe ne doit pas contenir votre adresse électronique.");
  return errors;
}
