import type { Metadata } from "next";

export const metadata: Metadata = { title: "Mentions légales" };

export default function LegalNoticePage() {
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Lauréat est édité par l’équipe du programme qui porte l’appel à projets. Cette instance de démonstration
        contient des données fictives, à l’exception des lauréats et administrations annoncés publiquement le 3 mars
        2021.
      </p>
      <h2>Hébergement</h2>
      <p>Les données sont hébergées sur l’infrastructure choisie par l’administration qui exploite le service.</p>
      <h2>Code source</h2>
      <p>Le code source de Lauréat est ouvert.</p>
    </>
  );
}
