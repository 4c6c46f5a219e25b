/**
 * SIRET: 14 digits whose Luhn checksum is valid. La Poste's establishments
 * (SIREN 356000000) use a different rule: the digit sum is a multiple of 5.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const LA_POSTE_SIREN = "356000000";

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN) && value !== "35600000000048") {
    const sum = [...value].reduce((s, c) => s + Number(c), 0);
    return sum % 5 === 0;
  }
  return luhnValid(value);
}

/** Spaces are allowed when typing (« 110 020 013 00019 »). */
export function normaliseSiret(value: string): string {
  return value.replace(/\s+/g, "");
}
