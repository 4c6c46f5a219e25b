/**
 * Fuzzing kit: fast-check arbitraries for hostile input and the assertion
 * every mutation must pass (see "Fuzzing a mutation" below).
 *
 * Runs are bounded and seeded so that CI is repeatable: FUZZ_SEED (default
 * below) and FUZZ_RUNS (default 25 per property). A failure prints the seed
 * and the counterexample's path; re-run with the same FUZZ_SEED to replay it.
 * For a longer campaign: FUZZ_RUNS=2000 npx vitest run <file>.
 *
 * ## Fuzzing a mutation
 *
 * A mutation is `(actor, input: unknown) => Promise<ActionResult>`, the
 * server-side function a server action wraps (authenticate → authorize →
 * parse → transaction + audit). For each role and each broken input:
 *
 *   await fuzzMutation({
 *     name: "dossier.submit",
 *     actors: { candidat, instructeur, jure, anonyme: null },
 *     valid: { dossierId, title: "Mon projet", requestedCents: 5_000_000 },
 *     mutation: (actor, input) => submitDossier(actor, input),
 *     snapshot: () => rowCounts(db, ["dossier", "audit_event"]),
 *   });
 *
 * asserts: the call never throws (a throw becomes a 500), the result is
 * `{ ok: false, code, fieldErrors? }` with French text, and the row counts
 * (audit log included) are unchanged. Inputs with hostile *content* but a
 * valid shape (`hostileContentInput`) may be accepted; then open the page
 * that shows them in Chromium and check nothing was injected
 * (e2e/public-fuzz.spec.ts shows how).
 */
import fc from "fast-check";

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 25) || 25);

/** Parameters for `fc.assert`: fixed seed, bounded runs. */
export function fuzzParameters(runs = FUZZ_RUNS): { seed: number; numRuns: number; endOnFailure: boolean } {
  return { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true };
}

// ---------------------------------------------------------------- strings

export const SQL_METACHARACTERS = [
  "'",
  "''",
  '"',
  "';--",
  "' OR '1'='1",
  "1; DROP TABLE dossier; --",
  "') ; select pg_sleep(10); --",
  "\\",
  "%",
  "_",
  "$1",
  "$$",
  "/*",
  "*/",
  "\u0000",
  "E'\\x00'",
  "' UNION SELECT password_hash FROM app_user --",
] as const;

/** Payloads that would run or inject markup if rendered unescaped. Each carries MARKER so a page can be checked. */
export const MARKER = "fuzz-injected";
export const HTML_PAYLOADS = [
  `<script id="${MARKER}">window.__fuzzInjected=1</script>`,
  `<img id="${MARKER}" src=x onerror="window.__fuzzInjected=1">`,
  `"><svg id="${MARKER}" onload="window.__fuzzInjected=1">`,
  `'><iframe id="${MARKER}" srcdoc="<script>parent.__fuzzInjected=1</script>"></iframe>`,
  `<a id="${MARKER}" href="javascript:window.__fuzzInjected=1">x</a>`,
  `</title><script id="${MARKER}">window.__fuzzInjected=1</script>`,
  `<style id="${MARKER}">*{display:none}</style>`,
  `{{constructor.constructor('window.__fuzzInjected=1')()}}`,
  `\${window.__fuzzInjected=1}`,
] as const;

export const UNICODE_EDGE_CASES = [
  "\u202Egnp.exe", // right-to-left override
  "a\u200Bb\u200Cc\u200Dd\uFEFF", // zero-width characters and BOM
  "e\u0301\u0301\u0301\u0301\u0301", // stacked combining accents
  "Z\u0351\u0352\u0357\u0358\u035B\u0350", // "zalgo"
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "👩🏽‍💻🇫🇷", // ZWJ sequence and flag
  "ﬁ Ⅻ ＡＢＣ", // compatibility forms (NFKC changes them)
  "\u0000\u0001\u001F\u007F", // control characters
  "\r\n\t\v\f",
  "İıſ", // case-mapping traps
  "Ω≈ç√∫", 
  "\u2028\u2029", // JS line separators
] as const;

/** Strings a form field may receive from a hostile or careless client. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...SQL_METACHARACTERS),
    fc.constantFrom(...HTML_PAYLOADS),
    fc.constantFrom(...UNICODE_EDGE_CASES),
    fc.string({ unit: "binary", maxLength: 40 }), // any code point, lone surrogates included
    fc.constantFrom("", " ", "   \t  ", "null", "undefined", "NaN", "[object Object]", "true"),
    oversizeString(),
  );
}

/** Longer than any field should accept (1 kB to 1 MB). */
export function oversizeString(): fc.Arbitrary<string> {
  return fc.constantFrom(1_025, 10_001, 100_001, 1_000_001).chain((n) => fc.constantFrom("a", "é", "<", "'", "😀").map((c) => c.repeat(n)));
}

// ---------------------------------------------------------------- numbers and dates

/** Amounts and counts no validator should let through as-is. */
export function hostileNumber(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(-1, -0, -100, 0.5, -0.01, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER - 2, 2 ** 63, NaN, Infinity, -Infinity),
    fc.constantFrom("12,50", "1e3", "0x10", "1_000", "١٢٣", " 5 ", "-5", "99999999999999999999999", "5€"),
    fc.integer({ max: -1 }),
    fc.double({ noNaN: false }),
  );
}

/** Dates outside any sensible range, impossible dates and non-dates. */
export function hostileDate(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      "0000-00-00",
      "2026-02-30",
      "2026-13-01",
      "2026-03-29T02:30", // does not exist in Europe/Paris (spring forward)
      "+275760-09-14T00:00:00Z",
      "-271821-04-19T00:00:00Z",
      "9999-12-31T25:00",
      "1899-12-31",
      "aujourd’hui",
      "",
      "2026-01-01T00:00:00+99:00",
    ),
    fc.constantFrom(-8.64e15 - 1, 8.64e15 + 1, NaN),
    fc.constant(new Date(NaN)),
  );
}

// ---------------------------------------------------------------- types and shapes

/** Values of the wrong type for any field. */
export function wrongType(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, undefined, true, false, 0, 1, [], {}, [[]], { $gt: "" }, { toString: "x" }, new Date(0)),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );
}

export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(hostileString(), hostileNumber(), hostileDate(), wrongType());
}

/**
 * A broken version of a valid input: the whole input replaced by a non-object,
 * a key removed, or one key given a value invalid for *any* field of its type
 * (another type; for a string, 100 000+ characters; for a number, NaN,
 * ±Infinity, 1e308 or beyond the safe integers; for an ISO date, an
 * impossible or out-of-range date). Every one of these must be refused.
 * Domain rules (a negative amount, a date after the deadline) go in `also`:
 * `brokenInput(valid, { also: { requestedCents: [-1, 0.5] } })`.
 */
export function brokenInput(valid: Record<string, unknown>, options: { also?: Record<string, unknown[]> } = {}): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const options_: fc.Arbitrary<unknown>[] = [fc.constantFrom<unknown>(null, undefined, "", 0, [], true, "[object Object]", JSON.stringify(valid))];
  if (keys.length > 0) {
    options_.push(fc.constantFrom(...keys).map((key) => omit(valid, key)));
    options_.push(fc.constantFrom(...keys).chain((key) => invalidFor(valid[key]).map((v) => ({ ...valid, [key]: v }))));
  }
  for (const [key, values] of Object.entries(options.also ?? {})) {
    if (values.length > 0) options_.push(fc.constantFrom(...values).map((v) => ({ ...valid, [key]: v })));
  }
  return fc.oneof(...options_);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  return typeof value;
}

/** Values no field shaped like `example` can accept. */
function invalidFor(example: unknown): fc.Arbitrary<unknown> {
  const kind = kindOf(example);
  const otherType = wrongType().filter((v) => kindOf(v) !== kind && !(kind === "string" && typeof v === "string"));
  const sameType: fc.Arbitrary<unknown>[] = [];
  if (kind === "string") {
    sameType.push(fc.constantFrom(100_001, 1_000_001).map((n) => "a".repeat(n)));
    if (ISO_DATE.test(example as string)) sameType.push(fc.constantFrom("0000-00-00", "2026-02-30", "2026-13-01", "+275760-09-14T00:00:00Z", "9999-12-31T25:00", "aujourd’hui", ""));
  }
  if (kind === "number") sameType.push(fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2));
  if (kind === "date") sameType.push(fc.constant(new Date(NaN)));
  return fc.oneof(otherType, ...sameType);
}

/**
 * The valid input with one string field replaced by hostile *content* (SQL,
 * HTML, Unicode edge cases) and unknown keys added, including prototype
 * pollution attempts. May be accepted; must never be executed or rendered raw.
 */
export function hostileContentInput(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const stringKeys = Object.keys(valid).filter((k) => typeof valid[k] === "string");
  const content = fc.oneof(fc.constantFrom(...SQL_METACHARACTERS), fc.constantFrom(...HTML_PAYLOADS), fc.constantFrom(...UNICODE_EDGE_CASES));
  const extra = fc.constantFrom<Record<string, unknown>>({}, { id: "00000000-0000-0000-0000-000000000000" }, { administrationId: "autre" }, { role: "ADMIN" }, JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>, { constructor: { prototype: { polluted: true } } });
  if (stringKeys.length === 0) return extra.map((e) => ({ ...valid, ...e }));
  return fc.tuple(fc.constantFrom(...stringKeys), content, extra).map(([key, value, e]) => ({ ...e, ...valid, [key]: value }));
}

function omit(value: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

// ---------------------------------------------------------------- French messages

/** English or technical text that must never reach a user. */
const NOT_FOR_USERS = [
  /\b(error|invalid|expected|required|received|must|should|undefined|null|NaN|object|string|number|failed|cannot|unexpected)\b/i,
  /\bat \S+ \(.+:\d+:\d+\)/, // stack frame
  /prisma|postgres|sql|violates|constraint|ECONN|TypeError|ZodError/i,
];

/**
 * A user-facing message: non-empty, at most 300 characters, no English
 * validator default, no stack trace or database detail.
 */
export function frenchMessageProblem(message: unknown): string | null {
  if (typeof message !== "string") return `message non textuel (${typeof message})`;
  const text = message.trim();
  if (text.length === 0) return "message vide";
  if (text.length > 300) return "message de plus de 300 caractères";
  if (!/[a-zàâçéèêëîïôûùüÿœæ]/i.test(text)) return `message sans lettres : « ${text} »`;
  for (const pattern of NOT_FOR_USERS) if (pattern.test(text)) return `message technique ou anglais : « ${text} »`;
  return null;
}

// ---------------------------------------------------------------- mutation helper

export type MutationFailure = { ok: false; code: string; message?: string; fieldErrors?: Record<string, string[] | undefined> };
export type MutationResult = { ok: true; data?: unknown } | MutationFailure;
export type RowCounts = Record<string, number>;

/** Row counts of `tables` through any client with `$queryRawUnsafe` (Prisma) — audit_event is always included. */
export async function rowCounts(client: { $queryRawUnsafe: <T>(sql: string) => Promise<T> }, tables: string[]): Promise<RowCounts> {
  const all = [...new Set([...tables, "audit_event"])];
  for (const t of all) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`invalid table name ${t}`);
  const rows = await client.$queryRawUnsafe<{ t: string; n: bigint }[]>(all.map((t) => `select '${t}' t, count(*) n from ${t}`).join(" union all "));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/**
 * One hostile call: the mutation must not throw, must refuse with a code and
 * French messages, and must leave every counted table as it was. Throws an
 * Error describing the first broken rule (fast-check then shrinks the input).
 */
export async function assertRejectsCleanly<A>(options: {
  mutation: (actor: A, input: unknown) => Promise<MutationResult>;
  actor: A;
  input: unknown;
  snapshot: () => Promise<RowCounts>;
}): Promise<MutationFailure> {
  const before = await options.snapshot();
  let result: MutationResult;
  try {
    result = await options.mutation(options.actor, options.input);
  } catch (error) {
    throw new Error(`la mutation a levé une exception (ce serait une erreur 500) : ${(error as Error)?.message ?? String(error)}`);
  }
  const after = await options.snapshot();
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    throw new Error(`écriture malgré le refus ou écriture partielle : ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  }
  if (!result || typeof result !== "object" || result.ok !== false) throw new Error(`entrée acceptée alors qu’elle devait être refusée : ${safeJson(result)}`);
  if (typeof result.code !== "string" || !/^[A-Z][A-Z0-9_]*$/.test(result.code)) throw new Error(`code d’erreur absent ou mal formé : ${safeJson(result.code)}`);
  if (result.message !== undefined) {
    const problem = frenchMessageProblem(result.message);
    if (problem) throw new Error(`message : ${problem}`);
  }
  for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
    for (const m of messages ?? []) {
      const problem = frenchMessageProblem(m);
      if (problem) throw new Error(`champ ${field} : ${problem}`);
    }
  }
  return result;
}

/**
 * Runs `assertRejectsCleanly` for every actor (each role, and anonymous) on
 * broken variants of `valid`, seeded and bounded (FUZZ_SEED, FUZZ_RUNS).
 */
export async function fuzzMutation<A>(options: {
  name: string;
  actors: Record<string, A>;
  valid: Record<string, unknown>;
  mutation: (actor: A, input: unknown) => Promise<MutationResult>;
  snapshot: () => Promise<RowCounts>;
  runs?: number;
}): Promise<void> {
  for (const [role, actor] of Object.entries(options.actors)) {
    await fc.assert(
      fc.asyncProperty(brokenInput(options.valid), async (input) => {
        await assertRejectsCleanly({ mutation: options.mutation, actor, input, snapshot: options.snapshot }).catch((error: Error) => {
          throw new Error(`${options.name}, rôle ${role} : ${error.message}`);
        });
      }),
      fuzzParameters(options.runs),
    );
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))?.slice(0, 300) ?? String(value);
  } catch {
    return String(value);
  }
}
