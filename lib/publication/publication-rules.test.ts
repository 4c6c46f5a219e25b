import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { resultsAtomFeed } from "./atom";
import { composeDecisionMail } from "./decision-mail";
import { embargoDecision } from "./embargo";
import { dataCatalogue } from "./open-data";
import { publicationBlocker } from "./publish-rules";

const locked = new Date("2021-02-26T17:00:00Z");

describe("publication blocker", () => {
  it("lets a locked deliberation be published once", () => {
    expect(publicationBlocker({ phase: "DELIBERATION", deliberationLockedAt: locked, resultsPublishedAt: null })).toBeNull();
  });
  it("refuses, with the reason, an unlocked deliberation, another phase, or a second publication", () => {
    expect(publicationBlocker({ phase: "DELIBERATION", deliberationLockedAt: null, resultsPublishedAt: null })).toMatch(/n’est pas verrouillée/);
    expect(publicationBlocker({ phase: "AUDITIONS", deliberationLockedAt: null, resultsPublishedAt: null })).toMatch(/pas en délibération/);
    expect(publicationBlocker({ phase: "RESULTS_PUBLISHED", deliberationLockedAt: locked, resultsPublishedAt: new Date() })).toMatch(/déjà publiés/);
    expect(publicationBlocker({ phase: "ARCHIVED", deliberationLockedAt: locked, resultsPublishedAt: null })).toMatch(/déjà publiés/);
  });
});

describe("embargo of decisions in applicant views", () => {
  const dossier = { id: "d", status: "LAUREATE" as const, grantedCents: 10_000_00 };
  it("hides the decision and the amount until publication", () => {
    expect(embargoDecision({ phase: "DELIBERATION", resultsPublishedAt: null }, dossier)).toEqual({ id: "d", status: "DELIBERATION", grantedCents: null });
    expect(embargoDecision({ phase: "DELIBERATION", resultsPublishedAt: null }, { ...dossier, status: "NOT_RETAINED" }).status).toBe("DELIBERATION");
  });
  it("shows it once published, and never masks earlier statuses", () => {
    expect(embargoDecision({ phase: "RESULTS_PUBLISHED", resultsPublishedAt: new Date() }, dossier)).toEqual(dossier);
    expect(embargoDecision({ phase: "DELIBERATION", resultsPublishedAt: null }, { ...dossier, status: "NOT_PRESELECTED" }).status).toBe("NOT_PRESELECTED");
  });
});

describe("decision e-mail", () => {
  const base = { callTitle: "Appel 2021", resultsUrl: "https://x.test/appels/a/resultats" };
  it("tells a laureate the granted amount, and includes the feedback summary when there is one", () => {
    const mail = composeDecisionMail({ ...base, dossier: { reference: "LAU-1", title: "Projet", status: "LAUREATE", grantedCents: 12_000_000 }, feedbackSummary: "Projet solide." });
    expect(mail.subject).toBe("Votre projet est lauréat — Appel 2021");
    expect(mail.text).toContain("Cofinancement accordé : 120\u202f000\u00a0€");
    expect(mail.text).toContain("Synthèse de l’avis du jury :\nProjet solide.");
    expect(mail.text).toContain(base.resultsUrl);
  });
  it("tells a dossier not retained, without a feedback section when none exists", () => {
    const mail = composeDecisionMail({ ...base, dossier: { reference: "LAU-2", title: "P", status: "NOT_RETAINED", grantedCents: null }, feedbackSummary: null });
    expect(mail.text).toContain("n’a pas été retenu");
    expect(mail.text).not.toContain("Synthèse");
  });
});

const calls = [
  { slug: "a-b", title: "Données & <administration>", summary: "Résumé", resultsPublishedAt: "2021-03-03T09:00:00.000Z", laureates: 18, grantedCents: 100 },
];
const url = (p: string) => `https://laureat.test${p}`;

describe("Atom feed", () => {
  it("is well-formed Atom 1.0 with escaped text", () => {
    const xml = resultsAtomFeed(calls, url);
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toBe("https://laureat.test/resultats.atom");
    expect(feed.entry.title).toBe("Résultats — Données &amp; <administration>".replace("&amp;", "&"));
    expect(feed.entry.link["@_href"]).toBe("https://laureat.test/appels/a-b/resultats");
    expect(feed.entry.updated).toBe("2021-03-03T09:00:00.000Z");
  });
  it("stays valid with no entry", () => {
    expect(XMLValidator.validate(resultsAtomFeed([], url))).toBe(true);
  });
});

describe("data.json catalogue", () => {
  it("lists one dataset per published call with CSV and JSON distributions", () => {
    const catalogue = dataCatalogue(calls, url);
    expect(catalogue.dataset).toHaveLength(1);
    expect(catalogue.dataset[0]!.distribution.map((d) => [d.mediaType, d.downloadURL])).toEqual([
      ["text/csv", "https://laureat.test/appels/a-b/donnees/subventions.csv"],
      ["application/json", "https://laureat.test/appels/a-b/donnees/subventions.json"],
    ]);
  });
});
