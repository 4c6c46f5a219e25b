import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import schema from "./data/scdl-subventions-2.0.1.schema.json" with { type: "json" };
import { buildScdlTable, centsToScdlAmount, SCDL_FIELDS, toScdlCsv, type Grant } from "./scdl";
import { isValidSiret, withLuhnCheckDigit } from "./siret";
import { validateTable, type TableSchema } from "./table-schema";

const grantor = { name: "Direction interministérielle du numérique (DINUM)", siret: withLuhnCheckDigit("9999900000001") };
const grant = (over: Partial<Grant> = {}): Grant => ({
  reference: "LAU-2020-0001",
  title: "Projet « données », avec une virgule et des \"guillemets\"",
  grantedCents: 4_780_020,
  decisionDate: "2021-02-26",
  beneficiaryName: "Service hydrographique et océanographique de la Marine",
  beneficiarySiret: withLuhnCheckDigit("9999900100001"),
  ...over,
});
const parseCsv = (csv: string) => parse(csv, { bom: false, relax_column_count: true }) as string[][];

describe("SCDL « subventions » rows", () => {
  it("formats euros with a point and two decimals", () => {
    expect(centsToScdlAmount(4_780_020)).toBe("47800.20");
    expect(centsToScdlAmount(5)).toBe("0.05");
    expect(centsToScdlAmount(100_000_000)).toBe("1000000.00");
    expect(() => centsToScdlAmount(-1)).toThrow();
  });

  it("writes RFC 4180 CSV: header of the standard's field names in order, commas, quoted cells, CRLF", () => {
    const { rows } = buildScdlTable(grantor, [grant()]);
    const csv = toScdlCsv(rows);
    expect(csv.split("\r\n")[0]).toBe(schema.fields.map((f) => f.name).join(","));
    expect(csv.endsWith("\r\n")).toBe(true);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual(SCDL_FIELDS);
    expect(parsed[1]![SCDL_FIELDS.indexOf("objet")]).toBe(grant().title);
    expect(parsed[1]![SCDL_FIELDS.indexOf("montant")]).toBe("47800.20");
  });

  it("produces a CSV that validates against the standard's Table Schema", () => {
    const { rows, omitted } = buildScdlTable(grantor, [grant(), grant({ reference: "LAU-2020-0002", title: "x".repeat(400) })]);
    expect(omitted).toEqual([]);
    expect(validateTable(schema as TableSchema, parseCsv(toScdlCsv(rows)))).toEqual([]);
    expect([...rows[1]!.objet]).toHaveLength(256);
  });

  it("leaves out, with the reason, grants whose required SIRETs are unknown", () => {
    const { rows, omitted } = buildScdlTable(grantor, [grant({ beneficiarySiret: null })]);
    expect(rows).toEqual([]);
    expect(omitted).toEqual([{ reference: "LAU-2020-0001", reason: "SIRET du bénéficiaire non renseigné" }]);
    expect(buildScdlTable({ name: "X", siret: null }, [grant()]).omitted[0]!.reason).toMatch(/attribuant/);
  });

  it("ships the same schema as ../shared/data", () => {
    const shared = path.resolve(process.cwd(), "../shared/data/scdl-subventions-2.0.1.schema.json");
    if (!existsSync(shared)) return; // a checkout outside the workspace has only its own copy
    expect(JSON.parse(readFileSync(shared, "utf8"))).toEqual(schema);
  });
});

describe("Table Schema validator", () => {
  const valid = () => buildScdlTable(grantor, [grant()]).rows[0]!;
  const check = (over: Record<string, string>) => {
    const row = { ...valid(), ...over };
    return validateTable(schema as TableSchema, [SCDL_FIELDS, SCDL_FIELDS.map((f) => row[f])]).map((e) => `${e.field}: ${e.message}`);
  };

  it("reports each kind of violation the SCDL schema declares", () => {
    expect(check({ nomAttribuant: "" })).toEqual(["nomAttribuant: valeur obligatoire manquante"]);
    expect(check({ idAttribuant: "1234" })[0]).toMatch(/^idAttribuant: .*motif/);
    expect(check({ idBeneficiaire: "12345678901234" })).toEqual(["idBeneficiaire: « 12345678901234 » n’est pas un SIRET valide (clé de Luhn)"]);
    expect(check({ dateConvention: "2021-02-30" })[0]).toMatch(/^dateConvention: .*date/);
    expect(check({ montant: "47800,20" })[0]).toMatch(/^montant: .*nombre/);
    expect(check({ nature: "prêt" })[0]).toMatch(/^nature: .*valeurs permises/);
    expect(check({ conditionsVersement: "y".repeat(257) })[0]).toMatch(/^conditionsVersement: plus de 256/);
    expect(check({ datesPeriodeVersement: "2021-02-26/2021" })[0]).toMatch(/^datesPeriodeVersement: .*motif/);
    expect(check({ idRAE: "123456" })[0]).toMatch(/^idRAE: plus de 5/);
    expect(check({ notificationUE: "false" })[0]).toMatch(/^notificationUE: .*booléenne/);
    expect(check({ pourcentageSubvention: "1.5" })[0]).toMatch(/^pourcentageSubvention: .*maximum/);
    expect(check({ pourcentageSubvention: "0" })[0]).toMatch(/^pourcentageSubvention: .*minimum/);
    expect(check({ idRAE: "" })).toEqual([]);
  });

  it("refuses a header that is not the standard's", () => {
    const errors = validateTable(schema as TableSchema, [[...SCDL_FIELDS].reverse(), []]);
    expect(errors[0]!.message).toMatch(/en-tête attendu/);
  });
});

describe("SIRET", () => {
  it("checks the Luhn key, and La Poste's exception", () => {
    expect(isValidSiret("73282932000074")).toBe(true);
    expect(isValidSiret("73282932000075")).toBe(false);
    expect(isValidSiret("35600000000001")).toBe(true);
    expect(isValidSiret("35600000000002")).toBe(false);
    expect(isValidSiret("7328293200007")).toBe(false);
    for (let i = 0; i < 50; i++) expect(isValidSiret(withLuhnCheckDigit(`9999900${String(i).padStart(3, "0")}000`))).toBe(true);
  });
});
