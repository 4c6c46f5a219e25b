import schema from "./data/scdl-subventions-2.0.1.schema.json" with { type: "json" };

/**
 * Open data of the granted co-financings, following the SCDL « subventions »
 * standard 2.0.1 (Table Schema in ./data, copied from the standard). Pure:
 * the query hands plain grants, this module shapes rows and CSV.
 */
export const SCDL_SCHEMA_URL = schema.path;
export const SCDL_FIELDS = schema.fields.map((f) => f.name) as ScdlField[];

export type ScdlField =
  | "nomAttribuant"
  | "idAttribuant"
  | "dateConvention"
  | "referenceDecision"
  | "nomBeneficiaire"
  | "idBeneficiaire"
  | "objet"
  | "montant"
  | "nature"
  | "conditionsVersement"
  | "datesPeriodeVersement"
  | "idRAE"
  | "notificationUE"
  | "pourcentageSubvention";

export type ScdlRow = Record<ScdlField, string>;

/** One granted co-financing, as the publication query reads it. */
export type Grant = {
  reference: string;
  title: string;
  grantedCents: number;
  /** AAAA-MM-JJ, Europe/Paris: the jury's decision (the agreement date is not held). */
  decisionDate: string;
  beneficiaryName: string;
  beneficiarySiret: string | null;
};

export type Grantor = { name: string | null; siret: string | null };

export type ScdlTable = {
  rows: ScdlRow[];
  /** Grants left out because the standard's required identifiers are unknown. */
  omitted: { reference: string; reason: string }[];
};

const OBJECT_MAX = 256;

/** « 47800.20 »: euros with a point, as the standard asks. */
export function centsToScdlAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError("non-negative integer cents expected");
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

function truncate(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

export function buildScdlTable(grantor: Grantor, grants: readonly Grant[]): ScdlTable {
  const rows: ScdlRow[] = [];
  const omitted: ScdlTable["omitted"] = [];
  for (const g of grants) {
    if (!grantor.name || !grantor.siret) {
      omitted.push({ reference: g.reference, reason: "SIRET de l’attribuant non renseigné" });
      continue;
    }
    if (!g.beneficiarySiret) {
      omitted.push({ reference: g.reference, reason: "SIRET du bénéficiaire non renseigné" });
      continue;
    }
    rows.push({
      nomAttribuant: grantor.name,
      idAttribuant: grantor.siret,
      dateConvention: g.decisionDate,
      referenceDecision: g.reference,
      nomBeneficiaire: g.beneficiaryName,
      idBeneficiaire: g.beneficiarySiret,
      objet: truncate(g.title, OBJECT_MAX),
      montant: centsToScdlAmount(g.grantedCents),
      nature: "aide en numéraire",
      // The payment schedule is set by each funding agreement, not held here.
      conditionsVersement: "autre",
      datesPeriodeVersement: g.decisionDate,
      idRAE: "",
      // Funding between State administrations is not a State aid notified to the Commission.
      notificationUE: "non",
      // One beneficiary per grant.
      pourcentageSubvention: "1.00",
    });
  }
  return { rows, omitted };
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180: comma-separated, CRLF, header of the standard's field names, UTF-8. */
export function toScdlCsv(rows: readonly ScdlRow[]): string {
  const lines = [SCDL_FIELDS.join(","), ...rows.map((r) => SCDL_FIELDS.map((f) => csvCell(r[f])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
