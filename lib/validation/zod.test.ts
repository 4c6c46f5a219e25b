import { describe, expect, it } from "vitest";
import { frenchMessageProblem } from "@/lib/testing/fuzz";
import { z } from "./zod";

describe("zod's default messages", () => {
  it("never show technical words where a schema names no message", () => {
    const schema = z.object({ n: z.number(), status: z.enum(["CONFIRMED", "DISMISSED"]), code: z.string().regex(/^[a-z]{3}$/), uuid: z.uuid() });
    for (const input of [null, undefined, { n: NaN, status: "X", code: "ABCD", uuid: "x" }, { n: "1", status: null, code: 3, uuid: [] }, []]) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      for (const issue of result.error!.issues) {
        expect(frenchMessageProblem(issue.message), issue.message).toBeNull();
        expect(issue.message).not.toMatch(/CONFIRMED|\^|\$\//);
      }
    }
  });

  it("keeps a schema's own message", () => {
    expect(z.number({ error: "Indiquez un nombre de mois." }).safeParse(null).error!.issues[0]!.message).toBe("Indiquez un nombre de mois.");
  });
});
