import { listPublicCalls } from "@/lib/calls/call.queries";
import { CallList } from "@/lib/calls/ui/call-list";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const calls = await listPublicCalls();
  return (
    <>
      <h1>Appels à projets</h1>
      <p className="fr-text--lead">
        Lauréat accompagne les appels à projets publics : les administrations déposent leurs dossiers, l’équipe du
        programme les instruit, le jury les auditionne et les lauréats sont publiés.
      </p>
      <h2 className="fr-h4">Appels publiés</h2>
      <CallList calls={calls} />
    </>
  );
}
