/**
 * The fuzz kit on a real transactional write (ministry + audit event, the
 * shape every mutation has), and proof that its assertion catches the
 * defects it exists for: a throw, a write despite a refusal, English or
 * technical messages.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { appendAudit, verifyAuditChain } from "@/lib/audit/audit";
import { db } from "@/lib/server/db";
import {
  assertRejectsCleanly,
  brokenInput,
  frenchMessageProblem,
  fuzzMutation,
  fuzzParameters,
  hostileContentInput,
  hostileString,
  rowCounts,
  type MutationResult,
} from "./fuzz";

type Actor = { id: string; roles: string[] } | null;

/** Text a person typed: well-formed Unicode, no control characters (PostgreSQL refuses NUL). */
const text = (min: number, max: number) =>
  z
    .string({ error: "Ce champ doit être un texte." })
    .trim()
    .min(min, { error: `Au moins ${min} caractères.` })
    .max(max, { error: `Au plus ${max} caractères.` })
    .refine((s) => s.isWellFormed() && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { error: "Ce texte contient des caractères non autorisés." });

const ministrySchema = z.object(
  {
    code: z.string({ error: "Le code est obligatoire." }).regex(/^[A-Z]{2,6}$/, { error: "Le code compte de 2 à 6 lettres majuscules." }),
    name: text(3, 200),
  },
  { error: "Le formulaire est incomplet." },
);

const FORBIDDEN: MutationResult = { ok: false, code: "FORBIDDEN", message: "Vous n’avez pas les droits pour cette action." };

/** The reference shape of a mutation: authorize → parse → transaction with its audit event. */
async function createMinistry(actor: Actor, input: unknown): Promise<MutationResult> {
  if (!actor?.roles.includes("ADMIN")) return FORBIDDEN;
  const parsed = ministrySchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "formulaire")] ??= []).push(issue.message);
    return { ok: false, code: "INVALID_INPUT", message: "Le formulaire contient des erreurs.", fieldErrors };
  }
  try {
    const id = crypto.randomUUID();
    await db.$transaction(async (tx) => {
      await tx.ministry.create({ data: { id, ...parsed.data } });
      await appendAudit(tx, { actorId: null, action: "ministry.created", entityType: "ministry", entityId: id, data: parsed.data });
    });
    return { ok: true, data: { id } };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, code: "CONFLICT", message: "Ce ministère existe déjà." };
    throw error;
  }
}

const actors: Record<string, Actor> = {
  administrateur: { id: crypto.randomUUID(), roles: ["ADMIN"] },
  instructeur: { id: crypto.randomUUID(), roles: ["STAFF"] },
  jure: { id: crypto.randomUUID(), roles: ["JURY"] },
  anonyme: null,
};
const valid = { code: "FUZ", name: "Ministère du fuzzing" };
// The test database is shared by the run: remove the ministries created here (the audit log stays, append-only).
const created: string[] = [];
afterAll(async () => {
  await db.ministry.deleteMany({ where: { id: { in: created } } });
});
const snapshot = () => rowCounts(db, ["ministry", "administration"]);

describe("fuzz kit", () => {
  it("every role, every broken input: refused in French, nothing written", async () => {
    await fuzzMutation({ name: "ministry.create", actors, valid, mutation: createMinistry, snapshot });
  });

  it("hostile content is either refused cleanly or stored exactly as typed", async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostileContentInput(valid), fc.nat(), async (input, n) => {
        const candidate: Record<string, unknown> = { ...input, code: `F${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n >> 5) % 26))}` };
        const before = await snapshot();
        const result = await createMinistry(actors.administrateur!, candidate);
        if (result.ok) {
          accepted++;
          const { id } = result.data as { id: string };
          created.push(id);
          const row = await db.ministry.findUniqueOrThrow({ where: { id }, select: { name: true } });
          expect(row.name).toBe(String(candidate.name).trim());
          expect(await snapshot()).toMatchObject({ ministry: before.ministry! + 1, audit_event: before.audit_event! + 1 });
          // Unknown keys (prototype pollution included) went nowhere.
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        } else {
          refused++;
          expect(await snapshot()).toEqual(before);
          for (const m of [result.message, ...Object.values(result.fieldErrors ?? {}).flat()]) if (m !== undefined) expect(frenchMessageProblem(m)).toBeNull();
        }
      }),
      fuzzParameters(),
    );
    // Both outcomes occur with the default seed: HTML payloads are valid names, lone quotes are too short.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("the assertion catches a mutation that throws (a 500 in production)", async () => {
    const throwing = async (_actor: Actor, input: unknown) => {
      (input as { name: string }).name.trim();
      return FORBIDDEN;
    };
    await expect(assertRejectsCleanly({ mutation: throwing, actor: actors.administrateur!, input: null, snapshot })).rejects.toThrow(/exception/);
  });

  it("the assertion catches a write made before the input was refused", async () => {
    const leaky = async (_actor: Actor, input: unknown): Promise<MutationResult> => {
      await db.$transaction((tx) => appendAudit(tx, { actorId: null, action: "leak", entityType: "test" }));
      return ministrySchema.safeParse(input).success ? { ok: true } : { ok: false, code: "INVALID_INPUT", message: "Formulaire incomplet." };
    };
    await expect(assertRejectsCleanly({ mutation: leaky, actor: actors.administrateur!, input: {}, snapshot })).rejects.toThrow(/écriture/);
  });

  it("the assertion catches English and technical messages", async () => {
    for (const message of ["Required", "Invalid input: expected string, received undefined", "duplicate key value violates unique constraint", "", "   ", "42"]) {
      const english = async (): Promise<MutationResult> => ({ ok: false, code: "INVALID_INPUT", fieldErrors: { name: [message] } });
      await expect(assertRejectsCleanly({ mutation: english, actor: null, input: {}, snapshot }), message).rejects.toThrow(/champ name/);
    }
    const accepted = async (): Promise<MutationResult> => ({ ok: true });
    await expect(assertRejectsCleanly({ mutation: accepted, actor: null, input: {}, snapshot })).rejects.toThrow(/acceptée/);
    const badCode = async (): Promise<MutationResult> => ({ ok: false, code: "oops", message: "Refusé." });
    await expect(assertRejectsCleanly({ mutation: badCode, actor: null, input: {}, snapshot })).rejects.toThrow(/code/);
  });

  it("arbitraries cover the hostile families (lone surrogates, payloads, oversize, broken shapes)", () => {
    const strings = fc.sample(hostileString(), { seed: 1, numRuns: 400 });
    expect(strings.some((s) => !s.isWellFormed())).toBe(true);
    expect(strings.some((s) => s.includes("<script"))).toBe(true);
    expect(strings.some((s) => s.includes("'"))).toBe(true);
    expect(strings.some((s) => s.length > 1_000)).toBe(true);
    const broken = fc.sample(brokenInput(valid), { seed: 1, numRuns: 200 });
    expect(broken.some((b) => b !== null && typeof b === "object" && !("name" in b))).toBe(true);
    expect(broken.some((b) => b === null || typeof b !== "object")).toBe(true);
    expect(broken.every((b) => JSON.stringify(b) !== JSON.stringify(valid))).toBe(true);
  });
});
