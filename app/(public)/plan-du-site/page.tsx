import type { Metadata } from "next";
import Link from "next/link";
import { listPublicCalls } from "@/lib/calls/call.queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Plan du site" };

export default async function SiteMapPage() {
  const calls = await listPublicCalls();
  return (
    <>
      <h1>Plan du site</h1>
      <ul>
        <li>
          <Link href="/">Accueil — appels à projets</Link>
          <ul>
            {calls.map((c) => (
              <li key={c.slug}>
                <Link href={`/appels/${c.slug}`}>{c.title}</Link>
                {c.phase === "RESULTS_PUBLISHED" || c.phase === "ARCHIVED" ? (
                  <>
                    {" — "}
                    <Link href={`/appels/${c.slug}/resultats`}>résultats</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </li>
        <li>
          <Link href="/statistiques">Statistiques</Link>
        </li>
        <li>
          <a href="/resultats.atom">Flux Atom des résultats</a> — <a href="/donnees/catalogue.json">catalogue des données ouvertes</a>
        </li>
        <li>
          <Link href="/accessibilite">Accessibilité</Link>
        </li>
        <li>
          <Link href="/mentions-legales">Mentions légales</Link>
        </li>
        <li>
          <Link href="/donnees-personnelles">Données personnelles</Link>
        </li>
      </ul>
    </>
  );
}
