import { isValidSiret } from "./siret";

/**
 * A small Table Schema (Frictionless) validator for the constraints the SCDL
 * schemas use: header names, required, pattern, enum, maxLength,
 * minimum/maximum, types string/number/date/boolean, and the
 * « french-siret-value » custom check. The maintained alternative
 * (`frictionless`) is Python; the npm `tableschema` package is unmaintained.
 */
export type TableSchemaField = {
  name: string;
  type?: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: { required?: boolean; pattern?: string; enum?: string[]; maxLength?: number; minimum?: number; maximum?: number };
};

export type TableSchema = {
  fields: TableSchemaField[];
  missingValues?: string[];
  custom_checks?: { name: string; params: { column: string } }[];
};

export type TableError = { row: number; field: string; message: string };

function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `rows[0]` is the header; row numbers in errors are 1-based, header = 1. */
export function validateTable(schema: TableSchema, rows: readonly (readonly string[])[]): TableError[] {
  const errors: TableError[] = [];
  const [header, ...data] = rows;
  const names = schema.fields.map((f) => f.name);
  if (!header || header.join("\u0000") !== names.join("\u0000")) {
    errors.push({ row: 1, field: "*", message: `en-tête attendu : ${names.join(",")} ; reçu : ${(header ?? []).join(",")}` });
    return errors;
  }
  const missing = new Set(schema.missingValues ?? [""]);
  const siretColumns = new Set((schema.custom_checks ?? []).filter((c) => c.name === "french-siret-value").map((c) => c.params.column));

  data.forEach((row, index) => {
    const rowNumber = index + 2;
    if (row.length !== names.length) {
      errors.push({ row: rowNumber, field: "*", message: `${row.length} cellules au lieu de ${names.length}` });
      return;
    }
    schema.fields.forEach((field, col) => {
      const value = row[col]!;
      const c = field.constraints ?? {};
      const fail = (message: string) => errors.push({ row: rowNumber, field: field.name, message });
      if (missing.has(value)) {
        if (c.required) fail("valeur obligatoire manquante");
        return;
      }
      switch (field.type ?? "string") {
        case "number": {
          if (!/^-?\d+(\.\d+)?$/.test(value)) return fail(`« ${value} » n’est pas un nombre (point décimal)`);
          const n = Number(value);
          if (c.minimum !== undefined && n < c.minimum) fail(`${n} < minimum ${c.minimum}`);
          if (c.maximum !== undefined && n > c.maximum) fail(`${n} > maximum ${c.maximum}`);
          break;
        }
        case "date":
          if (!isIsoDate(value)) fail(`« ${value} » n’est pas une date AAAA-MM-JJ`);
          break;
        case "boolean": {
          const allowed = [...(field.trueValues ?? ["true", "True", "TRUE", "1"]), ...(field.falseValues ?? ["false", "False", "FALSE", "0"])];
          if (!allowed.includes(value)) fail(`« ${value} » n’est pas une valeur booléenne (${allowed.join(", ")})`);
          break;
        }
        case "string":
          break;
        default:
          fail(`type ${field.type} non pris en charge par ce validateur`);
      }
      // Table Schema patterns (XML Schema flavour) match the whole value; no `u`
      // flag: the standard writes escapes such as `\-` that it refuses.
      if (c.pattern !== undefined && !new RegExp(`^(?:${c.pattern})$`).test(value)) fail(`« ${value} » ne respecte pas le motif ${c.pattern}`);
      if (c.enum !== undefined && !c.enum.includes(value)) fail(`« ${value} » hors des valeurs permises`);
      if (c.maxLength !== undefined && [...value].length > c.maxLength) fail(`plus de ${c.maxLength} caractères`);
      if (siretColumns.has(field.name) && !isValidSiret(value)) fail(`« ${value} » n’est pas un SIRET valide (clé de Luhn)`);
    });
  });
  return errors;
}
