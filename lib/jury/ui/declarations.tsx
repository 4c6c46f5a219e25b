import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { acceptConfidentialityAction, completeDeclarationsAction, declareConflictAction } from "../jury.actions";
import type { DeclarationRow } from "../jury.queries";
import { CONFLICT_TYPE_LABEL, CONFLICT_TYPES } from "../jury.schema";
import { ActionForm } from "./action-form";

export function ConfidentialityTerms({ callId, path }: { callId: string; path: string }) {
  return (
    <section aria-labelledby="terms-title">
      <h2 id="terms-title">Engagement de confidentialité</h2>
      <p>
        Je m’engage à ne divulguer ni le contenu des dossiers, ni les notes, ni les échanges du jury, et à déclarer tout lien avec une administration candidate avant de consulter les dossiers.
      </p>
      <ActionForm action={acceptConfidentialityAction} hidden={{ callId, path }}>
        <Button type="submit">J’accepte l’engagement de confidentialité</Button>
      </ActionForm>
    </section>
  );
}

export function Declarations({ callId, path, rows }: { callId: string; path: string; rows: DeclarationRow[] }) {
  return (
    <section aria-labelledby="declarations-title">
      <h2 id="declarations-title">Déclaration des conflits d’intérêts</h2>
      <p>Pour chaque dossier, déclarez tout lien (même administration ou ministère, relation professionnelle ou personnelle). Un dossier en conflit ne vous sera jamais montré.</p>
      <ul className="fr-raw-list">
        {rows.map((r) => (
          <li key={r.juryDossierId} className="fr-mb-3w">
            <h3 className="fr-h6 fr-mb-1v">{r.title}</h3>
            <p className="fr-text--sm fr-mb-1w">
              {r.administration} — {r.ministry}
            </p>
            {r.conflict && r.conflict.status !== "DISMISSED" ? (
              <p className="fr-badge fr-badge--warning">
                {r.conflict.status === "PROPOSED" ? "Conflit proposé (à confirmer par l’équipe)" : "Conflit déclaré"} : {CONFLICT_TYPE_LABEL[r.conflict.type as keyof typeof CONFLICT_TYPE_LABEL]}
              </p>
            ) : (
              <ActionForm action={declareConflictAction} hidden={{ callId, path, juryDossierId: r.juryDossierId }} success="Conflit enregistré.">
                <Select label={`Type de conflit — ${r.title}`} nativeSelectProps={{ name: "type", defaultValue: "" }}>
                  <option value="" disabled>
                    Choisir
                  </option>
                  {CONFLICT_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {CONFLICT_TYPE_LABEL[t]}
                    </option>
                  ))}
                </Select>
                <Input label={`Raison — ${r.title}`} nativeInputProps={{ name: "reason" }} />
                <Button type="submit" priority="secondary" size="small">
                  Déclarer un conflit
                </Button>
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      <ActionForm action={completeDeclarationsAction} hidden={{ callId, path }}>
        <Button type="submit">J’ai terminé mes déclarations</Button>
      </ActionForm>
    </section>
  );
}
