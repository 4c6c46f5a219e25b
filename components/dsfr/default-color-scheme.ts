import type { DefaultColorScheme } from "@codegouvfr/react-dsfr/next-app-router";

/** Follows the visitor's system setting; the « Paramètres d’affichage » dialog overrides it. */
export const defaultColorScheme: DefaultColorScheme = "system";
