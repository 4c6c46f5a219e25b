import { describe, expect, it } from "vitest";
import { normaliseViewQuery, saveViewInput } from "./inbox-view.schema";

describe("normaliseViewQuery", () => {
  it("writes back what the inbox parser keeps, without the page position or default columns", () => {
    expect(normaliseViewQuery("?ordre=desc&tri=requested&statut=LAUREATE&apres=abc&colonnes=reference,title,administration,category,requested,status")).toEqual(
      expect.objectContaining({ query: "statut=LAUREATE&tri=requested&ordre=desc", ignored: [] }),
    );
    expect(normaliseViewQuery("").query).toBe("");
  });

  it("names what it drops, and drops it", () => {
    const r = normaliseViewQuery("pirate=1&statut=DRAFT&tri=title;drop&ministere=CUL&apres=%%%");
    expect(r.query).toBe("ministere=CUL");
    expect(r.ignored).toEqual(["pirate", "statut=DRAFT", "tri"]);
  });

  it("is stable: a normalised query normalises to itself", () => {
    const once = normaliseViewQuery("q=données maritimes&instructeur=me&presel=PENDING&min=10&max=20&colonnes=title").query;
    expect(normaliseViewQuery(once).query).toBe(once);
  });
});

describe("saveViewInput", () => {
  it("trims the name and refuses empty, long or control-character names in French", () => {
    expect(saveViewInput.parse({ callId: "00000000-0000-4000-8000-000000000000", name: "  Ma vue ", query: "" }).name).toBe("Ma vue");
    const messages = (name: string) => saveViewInput.safeParse({ callId: "00000000-0000-4000-8000-000000000000", name, query: "" }).error?.issues.map((i) => i.message);
    expect(messages(" ")).toEqual(["Nom de la vue : ce champ est obligatoire."]);
    expect(messages("x".repeat(61))).toEqual(["Nom de la vue : 60 caractères au maximum."]);
    expect(messages("a\tb")).toEqual(["Nom de la vue : ce texte contient des caractères non autorisés."]);
  });
});
