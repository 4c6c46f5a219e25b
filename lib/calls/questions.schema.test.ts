import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { questionInput, toDefinition, definitionFromRow, type QuestionDefinition, QUESTION_TYPES } from "./question-definition";
import { answersSchema, answerSchema, emptyAnswers } from "./questions.schema";

const optionArb = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 ]{1,20}$/).map((s) => s.trim()).filter((s) => s !== "");
const isoArb = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** A definition the editor could have produced, and one answer valid for it. */
const caseArb: fc.Arbitrary<{ q: QuestionDefinition; valid: unknown; invalid: unknown[] }> = fc
  .record({ key: fc.constant("q1"), label: fc.constantFrom("Question", "Nombre d’agents", "Date de début"), required: fc.boolean() })
  .chain(({ key, label, required }) =>
    fc.oneof(
      fc.record({ max: fc.integer({ min: 1, max: 500 }), type: fc.constantFrom("SHORT_TEXT" as const, "LONG_TEXT" as const) }).chain(({ max, type }) =>
        fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== "").map((s) => ({
          q: { key, label, required, helpText: null, type, config: { maxLength: max } },
          valid: s,
          invalid: ["x".repeat(max + 1), 42, ["a"]],
        })),
      ),
      fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 })).chain(([min, span]) =>
        fc.double({ min, max: min + span, noNaN: true }).map((n) => ({
          q: { key, label, required, helpText: null, type: "NUMBER" as const, config: { min, max: min + span } },
          valid: n,
          invalid: [min - 1, min + span + 1, "douze", Number.POSITIVE_INFINITY],
        })),
      ),
      fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 })).chain(([min, span]) =>
        fc.integer({ min, max: min + span }).map((n) => ({
          q: { key, label, required, helpText: null, type: "AMOUNT" as const, config: { min, max: min + span } },
          valid: n,
          invalid: [min + span + 1, -1, 1.5, "100 €"],
        })),
      ),
      fc.tuple(isoArb, isoArb).chain(([a, b]) => {
        const [minDate, maxDate] = a <= b ? [a, b] : [b, a];
        return fc.constantFrom(minDate, maxDate).map((d) => ({
          q: { key, label, required, helpText: null, type: "DATE" as const, config: { minDate, maxDate } },
          valid: d,
          invalid: ["2021-02-30", "31/12/2020", "1999-12-31", "2041-01-01"],
        }));
      }),
      fc.uniqueArray(optionArb, { minLength: 2, maxLength: 8 }).chain((options) =>
        fc.oneof(
          fc.constantFrom(...options).map((o) => ({
            q: { key, label, required, helpText: null, type: "SINGLE_CHOICE" as const, config: { options } },
            valid: o,
            invalid: [options.join("|") + "!", ["x"], 3],
          })),
          fc.subarray(options, { minLength: 1 }).map((vs) => ({
            q: { key, label, required, helpText: null, type: "MULTIPLE_CHOICE" as const, config: { options } },
            valid: vs,
            invalid: [["pas une option!"], [options[0], options[0]], options[0]],
          })),
        ),
      ),
      fc.stringMatching(/^[a-z0-9_-]{1,40}\.(pdf|docx|xlsx|odt)$/).map((name) => ({
        q: { key, label, required, helpText: null, type: "FILE" as const, config: {} },
        valid: name,
        invalid: ["sans-extension", "../etc/passwd.txt", "x".repeat(300) + ".pdf"],
      })),
      fc.constantFrom("oui", "non").map((v) => ({
        q: { key, label, required, helpText: null, type: "YES_NO" as const, config: {} },
        valid: v,
        invalid: ["peut-être", true, 1],
      })),
    ),
  );

describe("answers schema built from question definitions", () => {
  it("accepts a valid answer to any generated question, at submission and in a draft (property)", () => {
    fc.assert(
      fc.property(caseArb, ({ q, valid }) => {
        expect(answersSchema([q], "submit").safeParse({ [q.key]: valid }).success).toBe(true);
        expect(answersSchema([q], "draft").safeParse({ [q.key]: valid }).success).toBe(true);
      }),
    );
  });

  it("refuses an invalid answer with a French message naming the question, even in a draft (property)", () => {
    fc.assert(
      fc.property(caseArb, ({ q, invalid }) => {
        for (const bad of invalid) {
          for (const mode of ["submit", "draft"] as const) {
            const r = answersSchema([q], mode).safeParse({ [q.key]: bad });
            expect(r.success, `${q.type} ${JSON.stringify(bad)}`).toBe(false);
            expect(r.error!.issues[0]!.message.startsWith(`${q.label} : `)).toBe(true);
            expect(r.error!.issues[0]!.path).toEqual([q.key]);
          }
        }
      }),
    );
  });

  it("requires a required question only at submission; an optional one may stay empty (property)", () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(undefined, null, "", "   ", []), ({ q }, empty) => {
        const submit = answersSchema([q], "submit").safeParse({ [q.key]: empty });
        expect(submit.success).toBe(!q.required);
        if (!submit.success) expect(submit.error.issues[0]!.message).toBe(`${q.label} : ce champ est obligatoire.`);
        expect(answersSchema([q], "draft").safeParse({ [q.key]: empty }).success).toBe(true);
      }),
    );
  });

  it("drops answers to questions the call does not have, and starts from empty answers", () => {
    const q: QuestionDefinition = { key: "q1", type: "SHORT_TEXT", label: "Nom", helpText: null, required: true, config: { maxLength: 10 } };
    expect(answersSchema([q], "submit").parse({ q1: " Paul ", qother: "x" })).toEqual({ q1: "Paul" });
    expect(answerSchema(q, "draft").parse(undefined)).toBeNull();
    expect(emptyAnswers([q, { ...q, key: "q2", type: "MULTIPLE_CHOICE", config: { options: ["a", "b"] } }])).toEqual({ q1: "", q2: [] });
  });
});

describe("question definitions from the editor", () => {
  it("refuses an unknown type and inconsistent limits with precise French messages", () => {
    const r = questionInput.safeParse({ type: "SIGNATURE", label: "Signature" });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["type"], message: "Type de question inconnu : choisissez un des types proposés." });
    const choice = questionInput.safeParse({ type: "SINGLE_CHOICE", label: "Taille", options: "Petite\nPetite" });
    expect(choice.error!.issues.map((i) => i.message)).toEqual(["Options : chaque option doit être différente des autres."]);
    expect(questionInput.safeParse({ type: "SINGLE_CHOICE", label: "Taille", options: "Petite" }).error!.issues[0]!.message).toBe("Options : indiquez au moins deux options, une par ligne.");
    const range = questionInput.safeParse({ type: "NUMBER", label: "Agents", min: 10, max: 1 });
    expect(range.error!.issues[0]).toMatchObject({ path: ["max"], message: "Maximum : il doit être supérieur ou égal au minimum." });
    expect(questionInput.safeParse({ type: "DATE", label: "Début", minDate: "2021-02-30" }).success).toBe(false);
    expect(questionInput.safeParse({ type: "SHORT_TEXT", label: "Nom", maxLength: 600 }).success).toBe(false);
  });

  it("turns the editor's input into a definition the engine reads back unchanged", () => {
    const def = toDefinition(questionInput.parse({ type: "MULTIPLE_CHOICE", label: "Publics", helpText: "", required: true, options: " Agents \n\nUsagers\n" }));
    expect(def).toEqual({ type: "MULTIPLE_CHOICE", label: "Publics", helpText: null, required: true, config: { options: ["Agents", "Usagers"] } });
    expect(definitionFromRow({ key: "q1", ...def })).toEqual({ key: "q1", ...def });
    expect(() => definitionFromRow({ key: "q1", ...def, type: "SIGNATURE" })).toThrow(RangeError);
    expect(QUESTION_TYPES).toHaveLength(9);
  });
});
