import type { Metadata } from "next";

export const metadata: Metadata = { title: "Accessibilité" };

export default function AccessibilityPage() {
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        L’équipe de Lauréat s’engage à rendre son service accessible, conformément à l’article 47 de la loi n° 2005-102
        du 11 février 2005 et au référentiel général d’amélioration de l’accessibilité (RGAA).
      </p>
      <h2>État de conformité</h2>
      <p>
        Lauréat est <strong>partiellement conforme</strong> au RGAA 4.1 : aucun audit externe n’a encore été réalisé.
        Chaque page est vérifiée automatiquement (axe-core, règles WCAG 2.1 A et AA) à chaque modification, et les
        parcours principaux sont testés au clavier.
      </p>
      <h2>Établissement de cette déclaration</h2>
      <p>Technologies utilisées : HTML, CSS, JavaScript, Système de design de l’État (DSFR).</p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous ne parvenez pas à accéder à un contenu ou à un service, contactez l’équipe du programme pour être
        orienté vers une alternative accessible.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité, que
        vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous pouvez écrire au
        Défenseur des droits ou contacter son délégué dans votre région.
      </p>
    </>
  );
}
