import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, inboxSearchParams, parseInboxParams } from "./inbox.schema";

describe("inbox URL parameters", () => {
  it("keeps valid filters and names what it ignored", () => {
    const { filters, ignored } = parseInboxParams({
      q: "  données  ",
      statut: "LAUREATE,PRESELECTED,DRAFT,'; drop table dossier;--",
      categorie: "api",
      min: "1000",
      max: "-5",
      tri: "requested; delete",
      ordre: "desc",
      pirate: "1",
    });
    expect(filters).toMatchObject({ q: "données", statuses: ["LAUREATE", "PRESELECTED"], categories: ["api"], minEuros: 1000, maxEuros: null, sort: "submittedAt", dir: "desc" });
    expect(ignored).toEqual(expect.arrayContaining(["pirate", "statut=DRAFT", "statut='; drop table dossier;--", "max", "tri"]));
  });

  it("round-trips through the URL", () => {
    const { filters } = parseInboxParams({ q: "api", statut: "LAUREATE", ministere: "CUL", tri: "title", ordre: "desc", min: "10" });
    const again = parseInboxParams(Object.fromEntries(inboxSearchParams(filters)));
    expect(again.filters).toEqual(filters);
    expect(again.ignored).toEqual([]);
  });

  it("never throws, whatever the URL holds", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), (params) => {
        const { filters } = parseInboxParams(params);
        expect(filters.columns.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("rejects forged cursors", () => {
    const id = "3f1c2b9e-6d4a-4c1b-9f0e-2a7b8c9d0e1f";
    expect(decodeCursor(encodeCursor("2020-12-31T10:00:00Z", id))).toEqual(["2020-12-31T10:00:00Z", id]);
    expect(decodeCursor("not-base64-json")).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify([{ a: 1 }, id])).toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify(["x", "1 or 1=1"])).toString("base64url"))).toBeNull();
  });
});

describe("review filters in the URL", () => {
  it("keeps an assignee, a label and a decision filter; names what it ignored", () => {
    const tag = "3f1c2b9e-6d4a-4c1b-9f0e-2a7b8c9d0e1f";
    const { filters, ignored } = parseInboxParams({ instructeur: "me", etiquette: tag, presel: "PENDING" });
    expect(filters).toMatchObject({ assignee: "me", tag, decision: "PENDING" });
    expect(ignored).toEqual([]);
    expect(parseInboxParams(Object.fromEntries(inboxSearchParams(filters))).filters).toEqual(filters);
    const hostile = parseInboxParams({ instructeur: "1 or 1=1", etiquette: "'; drop table review_tag;--", presel: "LAUREATE" });
    expect(hostile.filters).toMatchObject({ assignee: null, tag: null, decision: null });
    expect(hostile.ignored).toEqual(["instructeur", "etiquette", "presel"]);
  });
});
