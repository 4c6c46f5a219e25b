/**
 * SIRET checks (SCDL custom check « french-siret-value »): 14 digits whose
 * Luhn sum is a multiple of 10. La Poste's establishments (SIREN 356000000)
 * are the documented exception: their digit sum is a multiple of 5.
 */
const LA_POSTE_SIREN = "356000000";

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN)) {
    return [...value].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  }
  return luhnSum(value) % 10 === 0;
}

/** Appends the Luhn check digit: used to build the demo's fictional identifiers. */
export function withLuhnCheckDigit(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError("digits expected");
  for (let d = 0; d <= 9; d++) {
    if (luhnSum(`${digits}${d}`) % 10 === 0) return `${digits}${d}`;
  }
  throw new Error("unreachable");
}
