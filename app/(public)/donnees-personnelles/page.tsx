import type { Metadata } from "next";

export const metadata: Metadata = { title: "Données personnelles" };

export default function PersonalDataPage() {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Lauréat traite les données nécessaires à l’instruction des appels à projets : identité et coordonnées
        professionnelles des agents qui déposent un dossier, de l’équipe du programme et des membres du jury.
      </p>
      <h2>Finalité et base légale</h2>
      <p>Le traitement est nécessaire à l’exécution d’une mission d’intérêt public (article 6-1-e du RGPD).</p>
      <h2>Durée de conservation</h2>
      <p>
        Les dossiers et données personnelles sont conservés pendant la durée fixée par chaque appel après la
        publication des résultats, puis supprimés ou anonymisés. Les résultats publiés restent consultables.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, de limitation et d’opposition. Pour l’exercer, contactez
        l’équipe du programme. Vous pouvez aussi adresser une réclamation à la CNIL.
      </p>
      <h2>Cookies</h2>
      <p>Lauréat n’utilise qu’un cookie de session, nécessaire à la connexion, et aucun traceur de mesure d’audience.</p>
    </>
  );
}
