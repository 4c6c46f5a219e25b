import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Page non trouvée</h1>
      <p className="fr-text--lead">La page que vous cherchez est introuvable. Excusez-nous pour la gêne occasionnée.</p>
      <p>
        Si vous avez tapé l’adresse dans votre navigateur, vérifiez qu’elle est correcte. Sinon, reprenez depuis{" "}
        <Link href="/">la page d’accueil</Link>.
      </p>
    </>
  );
}
