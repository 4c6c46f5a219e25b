/** Money is held in integer euro cents (bigint in the database). */
const euroFormatter = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
const euroCentsFormatter = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

export function eurosToCents(euros: number): bigint {
  if (!Number.isSafeInteger(euros)) throw new RangeError("whole euros expected");
  return BigInt(euros) * 100n;
}

/** « 100 000 € » (cents shown only when there are some). */
export function formatCents(cents: bigint | number): string {
  const value = BigInt(cents);
  return value % 100n === 0n
    ? euroFormatter.format(Number(value / 100n))
    : euroCentsFormatter.format(Number(value) / 100);
}
