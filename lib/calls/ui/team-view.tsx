import type { CallTeam } from "../manage.queries";
import { TeamAddForm, TeamRemoveButton } from "./console-forms";

export function TeamView({ team }: { team: CallTeam }) {
  return (
    <>
      <h1>Équipe et jury</h1>
      <p>Appel : {team.title}</p>
      <h2>Équipe du programme</h2>
      <p>Elle instruit les dossiers, fait avancer les phases après l’ouverture et publie les résultats.</p>
      {team.staff.length === 0 ? <p>Personne n’est rattaché à cet appel seulement.</p> : null}
      <ul>
        {team.staff.map((p) => (
          <li key={p.userId}>
            {p.name} ({p.email}) <TeamRemoveButton callId={team.id} userId={p.userId} role="STAFF" name={p.name} />
          </li>
        ))}
      </ul>
      {team.globalStaff.length > 0 ? (
        <p className="fr-hint-text">Équipe commune à tous les appels : {team.globalStaff.map((p) => `${p.name} (${p.email})`).join(", ")}.</p>
      ) : null}
      <h2>Jury</h2>
      {team.jury.length === 0 ? <p>Le jury n’est pas encore composé.</p> : null}
      <ul>
        {team.jury.map((p) => (
          <li key={p.userId}>
            {p.name} ({p.email}){p.isChair ? " — présidence" : ""} <TeamRemoveButton callId={team.id} userId={p.userId} role="JURY" name={p.name} />
          </li>
        ))}
      </ul>
      <h2>Ajouter une personne</h2>
      <TeamAddForm callId={team.id} />
    </>
  );
}
