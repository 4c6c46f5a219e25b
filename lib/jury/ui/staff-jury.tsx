import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import Link from "next/link";
import { formatParisDateTime } from "@/lib/time";
import { addConflictAsStaffAction, draftFeedbacksAction, proposeConflictsAction, releaseFeedbacksAction, reviewConflictAction, saveFeedbackAction } from "../jury.actions";
import type { JuryAdmin } from "../jury.queries";
import { CONFLICT_TYPE_LABEL, CONFLICT_TYPES, DECISION_LABEL } from "../jury.schema";
import { GridEditor, ResultForm } from "./staff-forms";

const SOURCE_LABEL: Record<string, string> = { DECLARED: "Déclaré par le juré", PROPOSED: "Proposé par l’application", STAFF: "Ajouté par l’équipe" };
const STATUS_LABEL: Record<string, string> = { PROPOSED: "À examiner", CONFIRMED: "Confirmé", DISMISSED: "Écarté" };
const SR = ({ children }: { children: string }) => <span className="fr-sr-only">{children}</span>;

/** Staff's « Jury » section of a call: scoring grid, roster and conflicts, feedback to applicants. */
export function StaffJury({ admin }: { admin: JuryAdmin }) {
  const { call } = admin;
  const path = `/instruction/appels/${call.slug}/jury`;
  const hidden = { callId: call.id, path };
  const dossierTitle = new Map(admin.dossiers.map((d) => [d.id, d.title]));
  const conflicts = admin.members.flatMap((m) => m.conflicts.map((c) => ({ ...c, member: m.name })));
  const toRelease = admin.dossiers.filter((d) => d.feedbackDraft !== null && !d.feedbackReleasedAt).length;

  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={`/instruction/appels/${call.slug}`}>
          Dossiers de l’appel
        </Link>
      </p>
      <h1>Jury — {call.title}</h1>
      <nav aria-label="Sections de la page" className="fr-mb-4w">
        <ul className="fr-links-group">
          <li><a className="fr-link" href="#grille">Grille de notation</a></li>
          <li><a className="fr-link" href="#membres">Membres et conflits d’intérêts</a></li>
          <li><a className="fr-link" href="#retours">Retours aux candidats</a></li>
        </ul>
      </nav>

      <section id="grille" aria-labelledby="grille-titre" className="fr-mb-6w">
        <h2 id="grille-titre">Grille de notation</h2>
        {admin.criteria.length === 0 ? (
          <p>Cet appel n’a pas encore de critères de sélection : ajoutez-les avant de régler la grille.</p>
        ) : (
          <GridEditor
            callId={call.id}
            path={path}
            lockedReason={admin.gridLockedReason}
            grid={admin.grid}
            criteria={admin.criteria.map(({ key, label, helpText, weight, thresholdHalf }) => ({ key, label, helpText, weight, thresholdHalf }))}
          />
        )}
      </section>

      <section id="membres" aria-labelledby="membres-titre" className="fr-mb-6w">
        <h2 id="membres-titre">Membres et conflits d’intérêts</h2>
        {admin.members.length === 0 ? (
          <p>Aucun membre du jury pour cet appel.</p>
        ) : (
          <div className="fr-table fr-table--no-caption">
            <table>
              <caption>Membres du jury</caption>
              <thead>
                <tr>
                  <th scope="col">Membre</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Confidentialité</th>
                  <th scope="col">Déclarations</th>
                  <th scope="col">Conflits retenus</th>
                </tr>
              </thead>
              <tbody>
                {admin.members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.name} {m.isChair && <Badge small severity="info">Présidence</Badge>}
                    </th>
                    <td>{m.organisation ?? "—"}</td>
                    <td>{m.confidentialityAcceptedAt ? `Acceptée le ${formatParisDateTime(m.confidentialityAcceptedAt)}` : "Pas encore acceptée"}</td>
                    <td>{m.declaredAt ? `Terminées le ${formatParisDateTime(m.declaredAt)}` : "Pas encore terminées"}</td>
                    <td>{m.conflicts.filter((c) => c.status !== "DISMISSED").length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h3>Conflits déclarés, proposés ou ajoutés</h3>
        <p className="fr-text--sm">
          Un conflit compte tant qu’il n’est pas écarté : le juré ne voit ni le dossier ni ses notes. Un conflit verrouillé ne peut plus être modifié.
        </p>
        {call.deliberationLockedAt ? (
          <p className="fr-text--sm">La délibération est verrouillée : les conflits d’intérêts ne peuvent plus être modifiés.</p>
        ) : (
          <ResultForm action={proposeConflictsAction} hidden={hidden} success="proposed" className="fr-mb-3w">
            <p className="fr-hint-text">Compare l’organisation de chaque juré avec l’administration et le ministère de chaque dossier.</p>
            <Button type="submit" priority="secondary">
              Proposer les conflits probables
            </Button>
          </ResultForm>
        )}
        {conflicts.length === 0 ? (
          <p>Aucun conflit d’intérêts pour l’instant.</p>
        ) : (
          <div className="fr-table">
            <table>
              <caption>Conflits d’intérêts</caption>
              <thead>
                <tr>
                  <th scope="col">Membre</th>
                  <th scope="col">Dossier</th>
                  <th scope="col">Type et raison</th>
                  <th scope="col">Origine</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {conflicts.map((c) => {
                  const who = ` — ${c.member} — ${dossierTitle.get(c.juryDossierId) ?? ""}`;
                  return (
                    <tr key={c.id}>
                      <td>{c.member}</td>
                      <td>{dossierTitle.get(c.juryDossierId)}</td>
                      <td>
                        {CONFLICT_TYPE_LABEL[c.type as keyof typeof CONFLICT_TYPE_LABEL]} : {c.reason}
                      </td>
                      <td>{SOURCE_LABEL[c.source]}</td>
                      <td>
                        {STATUS_LABEL[c.status]}
                        {c.locked && (
                          <>
                            {" "}
                            <Badge small>Verrouillé</Badge>
                          </>
                        )}
                      </td>
                      <td>
                        {c.locked || call.deliberationLockedAt ? (
                          "—"
                        ) : (
                          <div className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                            {c.status !== "CONFIRMED" && (
                              <ResultForm action={reviewConflictAction} hidden={{ ...hidden, conflictId: c.id, status: "CONFIRMED" }} success="reviewed">
                                <Button type="submit" size="small">
                                  Confirmer<SR>{who}</SR>
                                </Button>
                              </ResultForm>
                            )}
                            {c.status !== "DISMISSED" && (
                              <ResultForm action={reviewConflictAction} hidden={{ ...hidden, conflictId: c.id, status: "DISMISSED" }} success="reviewed">
                                <Button type="submit" size="small" priority="secondary">
                                  Écarter<SR>{who}</SR>
                                </Button>
                              </ResultForm>
                            )}
                            <ResultForm action={reviewConflictAction} hidden={{ ...hidden, conflictId: c.id, status: "CONFIRMED", lock: "on" }} success="reviewed">
                              <Button type="submit" size="small" priority="tertiary">
                                Confirmer et verrouiller<SR>{who}</SR>
                              </Button>
                            </ResultForm>
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        {!call.deliberationLockedAt && admin.members.length > 0 && admin.dossiers.length > 0 && (
          <>
            <h3 id="ajout-conflit">Ajouter un conflit d’intérêts</h3>
            <ResultForm action={addConflictAsStaffAction} hidden={hidden} success="conflict">
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-12 fr-col-md-6">
                  <Select label="Membre du jury" nativeSelectProps={{ name: "memberId", defaultValue: "", required: true }}>
                    <option value="" disabled>
                      Choisir un membre
                    </option>
                    {admin.members.map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  <Select label="Dossier" nativeSelectProps={{ name: "juryDossierId", defaultValue: "", required: true }}>
                    <option value="" disabled>
                      Choisir un dossier
                    </option>
                    {admin.dossiers.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.reference ? `${d.reference} — ` : ""}
                        {d.title}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  <Select label="Type de conflit" nativeSelectProps={{ name: "type", defaultValue: "", required: true }}>
                    <option value="" disabled>
                      Choisir un type
                    </option>
                    {CONFLICT_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {CONFLICT_TYPE_LABEL[t]}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  <Input label="Raison du conflit" nativeInputProps={{ name: "reason", required: true, maxLength: 2000 }} />
                </div>
              </div>
              <Checkbox options={[{ label: "Verrouiller ce conflit (il ne pourra plus être modifié)", nativeInputProps: { name: "lock" } }]} />
              <Button type="submit" priority="secondary">
                Ajouter le conflit
              </Button>
            </ResultForm>
          </>
        )}
      </section>

      <section id="retours" aria-labelledby="retours-titre" className="fr-mb-6w">
        <h2 id="retours-titre">Retours aux candidats</h2>
        {!call.deliberationLockedAt ? (
          <p>Les retours se préparent une fois la délibération verrouillée par la présidence du jury.</p>
        ) : (
          <>
            <p>
              Chaque retour reprend l’appréciation par critère (par niveau, sans note brute), les remarques que les jurés ont destinées au candidat et la décision. Les notes internes et les noms des jurés n’y figurent
              jamais. Relisez et corrigez chaque retour avant sa transmission.
            </p>
            {call.resultsPublishedAt ? (
              <p>Les résultats sont publiés depuis le {formatParisDateTime(call.resultsPublishedAt)} : les retours préparés depuis se transmettent ci-dessous.</p>
            ) : (
              <p>
                Les retours préparés seront transmis aux candidats avec la publication des résultats (
                <Link href={`/espace/appels/${call.slug}/publication`}>page de publication</Link>) ; jusque-là, les candidats ne les voient pas.
              </p>
            )}
            <div className="fr-btns-group fr-btns-group--inline-md">
              <ResultForm action={draftFeedbacksAction} hidden={hidden} success="drafted">
                <Button type="submit" priority="secondary">
                  Préparer les retours
                </Button>
              </ResultForm>
              {call.resultsPublishedAt && toRelease > 0 && (
                <ResultForm action={releaseFeedbacksAction} hidden={hidden} success="released">
                  <Button type="submit">Transmettre les retours aux candidats</Button>
                </ResultForm>
              )}
            </div>
            {admin.dossiers.map((d) => (
              <article key={d.id} className="fr-mb-4w" aria-labelledby={`retour-${d.id}`}>
                <h3 id={`retour-${d.id}`} className="fr-h6 fr-mb-1w">
                  {d.reference ? `${d.reference} — ` : ""}
                  {d.title}
                </h3>
                <p className="fr-text--sm fr-mb-1w">
                  {d.administration} · Décision : {d.decision ? DECISION_LABEL[d.decision as keyof typeof DECISION_LABEL] : "non enregistrée"} ·{" "}
                  {d.feedbackReleasedAt ? (
                    <Badge small severity="success">{`Transmis le ${formatParisDateTime(d.feedbackReleasedAt)}`}</Badge>
                  ) : d.feedbackDraft !== null ? (
                    <Badge small severity="new">Brouillon</Badge>
                  ) : (
                    <Badge small>Pas encore préparé</Badge>
                  )}
                </p>
                {d.feedbackReleasedAt ? (
                  <pre className="fr-text--sm" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>
                    {d.feedbackDraft}
                  </pre>
                ) : d.feedbackDraft !== null ? (
                  <ResultForm action={saveFeedbackAction} hidden={{ ...hidden, juryDossierId: d.id }} success="feedback">
                    <Input label={`Retour — ${d.title}`} hintText="Texte brut, 8 000 caractères au plus." textArea nativeTextAreaProps={{ name: "text", defaultValue: d.feedbackDraft, rows: 10, maxLength: 8000 }} />
                    <Button type="submit" size="small" priority="secondary">
                      Enregistrer le retour<SR>{` — ${d.title}`}</SR>
                    </Button>
                  </ResultForm>
                ) : null}
              </article>
            ))}
          </>
        )}
      </section>
    </>
  );
}
