import { z } from "zod";

/**
 * The one zod instance, with French messages (zod's own `fr` locale) for
 * every schema, in the browser and on the server. Import `z` from here.
 */
z.config(z.locales.fr());

/**
 * Where a schema names no message, zod's French defaults still leak technical
 * words to the user (« Entrée invalide : objet attendu, null reçu », enum
 * values, regular expressions). These codes get plain sentences instead; a
 * message given in a schema always wins.
 */
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type") return issue.input === undefined || issue.input === null ? "Ce champ est obligatoire." : "Ce champ n’a pas le bon format.";
    if (issue.code === "invalid_value") return "Choisissez une valeur proposée.";
    if (issue.code === "invalid_format" && issue.format === "regex") return "Ce champ n’a pas le bon format.";
    return undefined;
  },
});

export { z };

const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Text a person can type: well-formed Unicode (a lone surrogate would be
 * stored as “�”, not as sent) and no control character but tab and line
 * breaks (PostgreSQL refuses NUL in text and jsonb: the write would throw).
 */
export function isPlainText(value: string): boolean {
  return WELL_FORMED.test(value) && !CONTROL.test(value);
}
