import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import { DOSSIER_STATUS_LABEL } from "@/lib/calls/labels";
import { BUDGET_NATURE_LABEL, type BudgetNature } from "@/lib/dossiers/budget";
import { STEPS } from "@/lib/dossiers/dossier.schema";
import { AttachmentList } from "@/lib/dossiers/ui/attachment-list";
import { formatCents } from "@/lib/money";
import { formatParisDate, formatParisDateTime } from "@/lib/time";
import { ELIGIBILITY_LABEL } from "../eligibility";
import { checkDecision, parisToday } from "../preselection-rules";
import type { StaffOpinion } from "../opinion.queries";
import type { StaffDossier } from "../review.queries";
import { RequestOpinionForm } from "./opinion-forms";
import { AnnotationForm, AssigneesForm, CorrectionForm, CreateTagForm, DecisionForm, EligibilityTickForm, TagsForm } from "./review-forms";

const FIELD_LABEL: Record<string, string> = {
  summary: "Résumé",
  durationMonths: "Durée (mois)",
  siret: "SIRET",
  service: "Service porteur",
  leadName: "Chef de projet",
  leadEmail: "Adresse électronique",
  leadPhone: "Téléphone",
  objectives: "Objectifs",
  benefitsAdministration: "Bénéfices pour l’administration",
  benefitsOthers: "Bénéfices pour les usagers et les autres administrations",
  approach: "Approche technique",
  team: "Équipe projet",
  sustainability: "Pérennité",
  otherFunding: "Autres financements",
};

const DECISION_TEXT = { PRESELECTED: "Présélectionné", NOT_PRESELECTED: "Non présélectionné" } as const;

export function TagBadge({ label, colour }: { label: string; colour: string }) {
  // DSFR tag with an illustrative colour (fr-tag--green-emeraude…): not interactive.
  return <p className={`fr-tag fr-tag--sm fr-tag--${colour}`}>{label}</p>;
}

/** The dossier's answers, step by step (title and summary are shown apart); `omit` hides fields by key. */
export function ContentSteps({ content, omit = [] }: { content: StaffDossier["content"]; omit?: string[] }) {
  return STEPS.filter((s) => s.key !== "budget" && s.key !== "category").map((step) => {
    const values = (content[step.key] ?? {}) as Record<string, unknown>;
    const entries = Object.entries(values).filter(([k, v]) => k !== "title" && k !== "summary" && !omit.includes(k) && (typeof v === "string" || typeof v === "number") && v !== "");
    if (entries.length === 0) return null;
    return (
      <div key={step.key}>
        <h3 className="fr-h6">{step.label}</h3>
        <dl>
          {entries.map(([k, v]) => (
            <div key={k}>
              <dt className="fr-text--bold">{FIELD_LABEL[k] ?? k}</dt>
              <dd style={{ whiteSpace: "pre-line" }}>{String(v)}</dd>
            </div>
          ))}
        </dl>
      </div>
    );
  });
}

function tomorrow(now: Date) {
  const [y, m, d] = parisToday(now).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Staff's view of a dossier: content, budget, history, and the review tools. */
export function StaffDossierView({ dossier: d, opinions, now }: { dossier: StaffDossier; opinions: StaffOpinion[]; now: Date }) {
  const inbox = `/instruction/appels/${d.call.slug}`;
  const tagsById = new Map(d.callTags.map((t) => [t.id, t]));
  const decisionBlocked = checkDecision(d.call, d.status);
  const openCorrection = d.corrections.find((c) => !c.resubmittedAt) ?? null;
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href={inbox}>
          Retour aux dossiers de l’appel
        </Link>
      </p>
      <h1>{d.title}</h1>
      <p>
        <Badge noIcon small severity="info">
          {DOSSIER_STATUS_LABEL[d.status]}
        </Badge>{" "}
        {d.reference ? <span>N° {d.reference}</span> : null} — {d.administration.name} ({d.administration.ministry})
      </p>
      {d.reference && d.submittedAt ? (
        <p>
          {/* A plain link: the download needs no JavaScript. */}
          <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`${inbox}/dossiers/${d.id}/dossier.zip`} download>
            Télécharger le dossier (ZIP : accusé de réception et contenu déposé)
          </a>
        </p>
      ) : null}
      {d.tags.length > 0 ? (
        <ul className="fr-tags-group" aria-label="Étiquettes">
          {d.tags.map((id) => (tagsById.get(id) ? <li key={id}><TagBadge label={tagsById.get(id)!.label} colour={tagsById.get(id)!.colour} /></li> : null))}
        </ul>
      ) : null}

      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <section aria-labelledby="revue-contenu">
            <h2 id="revue-contenu">Dossier déposé</h2>
            <dl>
              <dt className="fr-text--bold">Appel</dt>
              <dd>{d.call.title}</dd>
              <dt className="fr-text--bold">Catégorie</dt>
              <dd>{d.category ?? "—"}</dd>
              <dt className="fr-text--bold">Déposé le</dt>
              <dd>{d.submittedAt ? formatParisDateTime(d.submittedAt) : "—"}</dd>
              <dt className="fr-text--bold">Résumé</dt>
              <dd>{d.summary}</dd>
            </dl>
            <ContentSteps content={d.content} />
          </section>

          <section aria-labelledby="revue-pieces-jointes">
            <h2 id="revue-pieces-jointes">Pièces jointes</h2>
            <AttachmentList dossierId={d.id} files={d.attachments} />
          </section>

          <section aria-labelledby="revue-budget">
            <h2 id="revue-budget">Budget</h2>
            <p>
              Coût total : <strong>{formatCents(d.totalCostCents)}</strong> — cofinancement demandé : <strong>{formatCents(d.requestedCents)}</strong>
            </p>
            {d.budgetLines.length > 0 ? (
              <div className="fr-table fr-table--sm">
                <table>
                  <caption>Lignes de dépense</caption>
                  <thead>
                    <tr>
                      <th scope="col">Nature</th>
                      <th scope="col">Année</th>
                      <th scope="col">Libellé</th>
                      <th scope="col">Montant</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.budgetLines.map((l, i) => (
                      <tr key={i}>
                        <td>{BUDGET_NATURE_LABEL[l.nature as BudgetNature] ?? l.nature}</td>
                        <td>{l.year}</td>
                        <td>{l.label}</td>
                        <td>{formatCents(l.amountCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="fr-text--sm">Dossier importé : le détail des dépenses n’est pas dans le portail.</p>
            )}
          </section>

          <section aria-labelledby="revue-historique">
            <h2 id="revue-historique">Historique</h2>
            {d.history.length === 0 ? (
              <p>Dossier importé sans historique.</p>
            ) : (
              <ol>
                {d.history.map((h, i) => (
                  <li key={i}>
                    <strong>{DOSSIER_STATUS_LABEL[h.status]}</strong> — {formatParisDateTime(h.at)}
                    {h.actor ? ` (${h.actor})` : ""}
                    {h.message ? ` : ${h.message}` : ""}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>

        <div className="fr-col-12 fr-col-lg-5">
          <section aria-labelledby="revue-decision" className="fr-mb-4w">
            <h2 id="revue-decision">Présélection</h2>
            {d.decision ? (
              <p data-testid="decision-summary">
                <strong>{DECISION_TEXT[d.decision.decision]}</strong> — {d.decision.decidedBy ?? "?"}, {formatParisDateTime(d.decision.decidedAt)}.{" "}
                {d.decision.releasedAt ? `Publiée le ${formatParisDateTime(d.decision.releasedAt)}.` : "Non publiée : l’administration ne la voit pas encore."}
              </p>
            ) : (
              <p>Aucune décision.</p>
            )}
            {decisionBlocked ? (
              <p className="fr-text--sm">{decisionBlocked.message}</p>
            ) : (
              <DecisionForm callId={d.call.id} dossierId={d.id} current={d.decision} />
            )}
          </section>

          <section aria-labelledby="revue-eligibilite" className="fr-mb-4w">
            <h2 id="revue-eligibilite">
              Éligibilité : {ELIGIBILITY_LABEL[d.eligibility.overall]}
            </h2>
            <ul className="fr-raw-list">
              {d.eligibility.items.map((item) => (
                <li key={item.key} className="fr-mb-2w">
                  <p className="fr-mb-1v">
                    <span aria-hidden="true">{item.met === true ? "✓" : item.met === false ? "✗" : "?"}</span> {item.label} —{" "}
                    <em>{item.met === null ? "à vérifier" : item.met ? "rempli" : "non rempli"}</em>
                    {item.source === "computed" ? " (calculé)" : item.source === "staff" ? " (coché par l’équipe)" : ""}
                    {item.detail ? <span className="fr-text--sm"> {item.detail}</span> : null}
                  </p>
                  {item.source !== "computed" ? <EligibilityTickForm dossierId={d.id} itemKey={item.key} label={item.label} met={item.met} /> : null}
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="revue-annotations" className="fr-mb-4w">
            <h2 id="revue-annotations">Annotations privées</h2>
            {d.annotations.length === 0 ? <p>Aucune annotation.</p> : null}
            <ul className="fr-raw-list">
              {d.annotations.map((a) => (
                <li key={a.id} className="fr-mb-2w">
                  <p className="fr-text--sm fr-mb-0">
                    {a.author ?? "?"}, {formatParisDateTime(a.createdAt)}
                  </p>
                  <p style={{ whiteSpace: "pre-line" }}>{a.body}</p>
                </li>
              ))}
            </ul>
            <AnnotationForm dossierId={d.id} />
          </section>

          <section aria-labelledby="revue-correction" className="fr-mb-4w">
            <h2 id="revue-correction">Demandes de correction</h2>
            {d.corrections.length === 0 ? <p>Aucune demande.</p> : null}
            <ul className="fr-raw-list">
              {d.corrections.map((c) => (
                <li key={c.id} className="fr-mb-2w">
                  <p className="fr-mb-0">
                    <strong>{formatParisDateTime(c.requestedAt)}</strong> ({c.requestedBy ?? "?"}), à faire avant le {formatParisDate(c.dueAt)} : {c.message}
                  </p>
                  <p className="fr-text--sm">
                    {c.answer ? `Réponse (${formatParisDateTime(c.answeredAt!)}) : ${c.answer}` : "Pas encore de réponse."}{" "}
                    {c.resubmittedAt ? `Déposé à nouveau le ${formatParisDateTime(c.resubmittedAt)}.` : ""}
                  </p>
                </li>
              ))}
            </ul>
            {openCorrection ? null : d.status === "SUBMITTED" || d.status === "UNDER_REVIEW" ? (
              <CorrectionForm dossierId={d.id} minDate={tomorrow(now)} />
            ) : (
              <p className="fr-text--sm">Une correction se demande sur un dossier déposé ou en instruction.</p>
            )}
          </section>

          <OpinionsSection dossierId={d.id} withdrawn={d.status === "WITHDRAWN"} opinions={opinions} now={now} />

          <section aria-labelledby="revue-instructeurs" className="fr-mb-4w">
            <h2 id="revue-instructeurs">Instructeurs</h2>
            <AssigneesForm dossierId={d.id} staff={d.staff} assignees={d.assignees} />
          </section>

          <section aria-labelledby="revue-etiquettes" className="fr-mb-4w">
            <h2 id="revue-etiquettes">Étiquettes</h2>
            <TagsForm dossierId={d.id} callTags={d.callTags} selected={d.tags} />
            <CreateTagForm callId={d.call.id} />
          </section>
        </div>
      </div>
    </>
  );
}

/** Outside experts' opinions: never shown to applicants (their pages do not read them). */
function OpinionsSection({ dossierId, withdrawn, opinions, now }: { dossierId: string; withdrawn: boolean; opinions: StaffOpinion[]; now: Date }) {
  return (
    <section aria-labelledby="revue-avis" className="fr-mb-4w">
      <h2 id="revue-avis">Avis extérieurs</h2>
      {opinions.length === 0 ? <p>Aucun avis demandé.</p> : null}
      <ul className="fr-raw-list">
        {opinions.map((o) => (
          <li key={o.id} className="fr-mb-3w">
            <p className="fr-mb-1v">
              <strong>{o.expertName}</strong> ({o.expertEmail}){" "}
              {o.confidential ? (
                <Badge small noIcon severity="new">
                  Confidentiel
                </Badge>
              ) : null}
            </p>
            <p className="fr-text--sm fr-mb-1v">
              Demandé le {formatParisDate(o.createdAt)}
              {o.requestedBy ? ` par ${o.requestedBy}` : ""}, attendu avant le {formatParisDate(o.dueAt)} : {o.message}
              {o.question ? ` — Question : ${o.question}` : ""}
            </p>
            {o.answeredAt ? (
              <>
                <p className="fr-text--sm fr-mb-1v">
                  Rendu le {formatParisDateTime(o.answeredAt)}
                  {o.answeredAt > o.dueAt ? " (en retard)" : ""}
                  {o.answerYes === null ? "" : ` — Réponse à la question : ${o.answerYes ? "oui" : "non"}`}
                </p>
                <p style={{ whiteSpace: "pre-line" }}>{o.opinion}</p>
              </>
            ) : (
              <p className="fr-text--sm">
                <Badge small noIcon severity={o.dueAt < now ? "warning" : "info"}>
                  {o.dueAt < now ? "En retard" : "En attente"}
                </Badge>
              </p>
            )}
          </li>
        ))}
      </ul>
      {withdrawn ? <p className="fr-text--sm">Le dossier a été retiré : aucun avis ne peut plus être demandé.</p> : <RequestOpinionForm dossierId={dossierId} minDate={tomorrow(now)} />}
    </section>
  );
}
