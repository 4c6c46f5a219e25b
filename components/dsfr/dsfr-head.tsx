import { DsfrHeadBase, type DsfrHeadProps, createGetHtmlAttributes } from "@codegouvfr/react-dsfr/next-app-router/server-only-index";
import Link from "next/link";
import { defaultColorScheme } from "./default-color-scheme";

export const { getHtmlAttributes } = createGetHtmlAttributes({ defaultColorScheme });

/** DSFR styles and the self-hosted Marianne fonts (no network at build or run time). */
export function DsfrHead(props: Omit<DsfrHeadProps, "Link">) {
  return <DsfrHeadBase Link={Link} {...props} />;
}
