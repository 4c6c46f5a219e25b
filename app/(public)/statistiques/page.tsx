import type { Metadata } from "next";
import { getPublicStatistics } from "@/lib/publication/publication.cache";
import { StatisticsPage } from "@/lib/publication/ui/statistics-page";

export const metadata: Metadata = {
  title: "Statistiques",
  description: "Dossiers, lauréats et montants accordés par ministère et par catégorie, pour les appels dont les résultats sont publiés.",
};

// Not prerendered (no database at build time); the figures come from the
// data cache, invalidated by each publication.
export const dynamic = "force-dynamic";

export default async function StatisticsRoute() {
  return <StatisticsPage stats={await getPublicStatistics()} />;
}
