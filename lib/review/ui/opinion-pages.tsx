import { Badge } from "@codegouvfr/react-dsfr/Badge";
import Link from "next/link";
import { formatCents } from "@/lib/money";
import { formatParisDate, formatParisDateTime } from "@/lib/time";
import type { ExpertView, MyOpinionRequest } from "../opinion.queries";
import { ContentSteps } from "./dossier-view";
import { GiveOpinionForm } from "./opinion-forms";

/** The expert's list: one line per request addressed to them. */
export function MyOpinionRequests({ requests, now }: { requests: MyOpinionRequest[]; now: Date }) {
  return (
    <>
      <h1>Mes demandes d’avis</h1>
      <p>L’équipe du programme vous a demandé votre avis sur ces dossiers. Chacun vous est confié à titre confidentiel.</p>
      {requests.length === 0 ? (
        <p>Aucune demande d’avis ne vous est adressée.</p>
      ) : (
        <ul className="fr-raw-list">
          {requests.map((r) => (
            <li key={r.id} className="fr-mb-2w">
              <Link href={`/espace/avis/${r.id}`} className="fr-link">
                {r.dossierTitle}
              </Link>{" "}
              <span className="fr-text--sm">
                ({r.reference ? `n° ${r.reference}, ` : ""}
                {r.callTitle})
              </span>{" "}
              <StatusBadge answeredAt={r.answeredAt} dueAt={r.dueAt} withdrawn={r.withdrawn} now={now} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function StatusBadge({ answeredAt, dueAt, withdrawn, now }: { answeredAt: Date | null; dueAt: Date; withdrawn: boolean; now: Date }) {
  if (answeredAt)
    return (
      <Badge small noIcon severity="success">
        {`Avis donné le ${formatParisDate(answeredAt)}`}
      </Badge>
    );
  if (withdrawn)
    return (
      <Badge small noIcon>
        Dossier retiré
      </Badge>
    );
  return (
    <Badge small noIcon severity={dueAt < now ? "warning" : "info"}>
      {`${dueAt < now ? "En retard : attendu" : "Attendu"} avant le ${formatParisDate(dueAt)}`}
    </Badge>
  );
}

/** One request: what is asked, the dossier (without its contacts' details), the answer form or the answer. */
export function ExpertOpinionPage({ view: v, now }: { view: ExpertView; now: Date }) {
  const d = v.dossier;
  return (
    <>
      <p>
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/espace/avis">
          Mes demandes d’avis
        </Link>
      </p>
      <h1>Avis sur « {d.title} »</h1>
      <p>
        {d.reference ? `N° ${d.reference} — ` : ""}
        {d.administration} ({d.ministry}) — {d.callTitle}
      </p>
      <div className="fr-callout fr-mb-4w">
        <h2 className="fr-callout__title">Ce qui vous est demandé</h2>
        <p className="fr-callout__text" style={{ whiteSpace: "pre-line" }}>
          {v.message}
        </p>
        <p className="fr-text--sm fr-mb-0">
          {v.requestedBy ? `Demande de ${v.requestedBy}. ` : ""}Réponse attendue avant le {formatParisDateTime(v.dueAt)} (heure de Paris).{" "}
          {v.confidential ? "Votre avis restera confidentiel : seule l’équipe du programme le lira." : "Votre avis sera lu par l’équipe du programme et par les autres experts consultés sur ce dossier."}
        </p>
      </div>

      <section aria-labelledby="avis-reponse" className="fr-mb-6w">
        <h2 id="avis-reponse">Mon avis</h2>
        {v.answeredAt ? (
          <>
            <p>
              Transmis le {formatParisDateTime(v.answeredAt)}
              {v.question ? ` — ${v.question} : ${v.answerYes ? "oui" : "non"}` : ""}.
            </p>
            <p style={{ whiteSpace: "pre-line" }}>{v.opinion}</p>
          </>
        ) : d.withdrawn ? (
          <p>Ce dossier a été retiré par l’administration : votre avis n’est plus attendu.</p>
        ) : (
          <>
            {v.dueAt < now ? <p className="fr-message fr-message--warning">La date demandée est passée : votre avis reste utile, transmettez-le dès que possible.</p> : null}
            <GiveOpinionForm opinionId={v.id} question={v.question} />
          </>
        )}
      </section>

      {v.peers.length > 0 ? (
        <section aria-labelledby="avis-autres" className="fr-mb-6w">
          <h2 id="avis-autres">Avis des autres experts</h2>
          <ul className="fr-raw-list">
            {v.peers.map((p, i) => (
              <li key={i} className="fr-mb-2w">
                <p className="fr-text--sm fr-mb-1v">
                  {p.expertName}, le {formatParisDate(p.answeredAt)}
                  {p.answerYes === null ? "" : ` — réponse : ${p.answerYes ? "oui" : "non"}`}
                </p>
                <p style={{ whiteSpace: "pre-line" }}>{p.opinion}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="avis-dossier">
        <h2 id="avis-dossier">Le dossier</h2>
        <dl>
          <dt className="fr-text--bold">Catégorie</dt>
          <dd>{d.category ?? "—"}</dd>
          <dt className="fr-text--bold">Déposé le</dt>
          <dd>{d.submittedAt ? formatParisDateTime(d.submittedAt) : "—"}</dd>
          <dt className="fr-text--bold">Résumé</dt>
          <dd style={{ whiteSpace: "pre-line" }}>{d.summary}</dd>
          <dt className="fr-text--bold">Budget</dt>
          <dd>
            Coût total {formatCents(d.totalCostCents)}, cofinancement demandé {formatCents(d.requestedCents)}
          </dd>
        </dl>
        <ContentSteps content={d.content} omit={["leadEmail", "leadPhone", "leadName"]} />
      </section>
    </>
  );
}

/** On « Mon espace », for a person who has been asked opinions. */
export function ExpertShortcut({ requests }: { requests: MyOpinionRequest[] }) {
  if (requests.length === 0) return null;
  const pending = requests.filter((r) => !r.answeredAt && !r.withdrawn).length;
  return (
    <>
      <h2 className="fr-h4">Avis extérieurs</h2>
      <p>
        <Link href="/espace/avis">Mes demandes d’avis</Link> : {requests.length} demande{requests.length > 1 ? "s" : ""}
        {pending > 0 ? `, dont ${pending} en attente de votre avis` : ""}.
      </p>
    </>
  );
}
