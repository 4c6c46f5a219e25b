import "server-only";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { formatCents } from "@/lib/money";
import { getChairView, getJurorDossier, getNextSlot, juryResource, listAgenda, listForDeclaration, loadJuryContext } from "../jury.queries";
import { AuditionDay, type AuditionItem } from "./audition-day";
import { ChairDashboard } from "./chair-dashboard";
import { ConfidentialityTerms, Declarations } from "./declarations";

const slotFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });

/** The juror's page: terms, then declarations, then the audition-day screen. */
export async function JurorPage({ actor, slug }: { actor: Actor; slug: string }) {
  const ctx = await loadJuryContext(actor, { slug });
  if (!ctx || !can(actor, "jury.participate", juryResource(ctx))) notFound();
  const path = `/jury/${ctx.call.slug}`;
  const header = (
    <>
      <h1>Jury — {ctx.call.title}</h1>
      {ctx.member!.isChair && (
        <p>
          <a className="fr-link" href={`${path}/presidence`}>
            Tableau de bord de la présidence
          </a>
        </p>
      )}
    </>
  );
  if (!ctx.member!.confidentialityAcceptedAt) return (<>{header}<ConfidentialityTerms callId={ctx.call.id} path={path} /></>);
  if (!ctx.member!.declaredAt) return (<>{header}<Declarations callId={ctx.call.id} path={path} rows={await listForDeclaration(actor, ctx)} /></>);
  const agenda = await listAgenda(actor, ctx);
  const items: AuditionItem[] = [];
  for (const a of agenda) {
    const peers = a.myEvaluation?.submittedAt ? ((await getJurorDossier(actor, ctx, a.juryDossierId))?.peers ?? null) : null;
    items.push({
      juryDossierId: a.juryDossierId,
      reference: a.reference,
      title: a.title,
      summary: a.summary,
      administration: a.administration,
      requested: formatCents(a.requestedCents),
      totalCost: formatCents(a.totalCostCents),
      startsAt: a.auditionStartsAt?.toISOString() ?? null,
      endsAt: a.auditionEndsAt?.toISOString() ?? null,
      slot: a.auditionStartsAt ? slotFormat.format(a.auditionStartsAt) : null,
      locked: a.locked || !!ctx.call.deliberationLockedAt,
      submitted: !!a.myEvaluation?.submittedAt,
      scores: Object.fromEntries(Object.entries(a.myEvaluation?.scores ?? {}).map(([k, v]) => [k, v.valueHalf])),
      overallComment: a.myEvaluation?.overallComment ?? "",
      feedback: a.myEvaluation?.feedback ?? "",
      internalNote: a.myEvaluation?.internalNote ?? "",
      peers: peers?.map((p) => ({ jurorName: p.jurorName, total: p.total })) ?? null,
    });
  }
  return (
    <>
      {header}
      <AuditionDay
        callId={ctx.call.id}
        criteria={ctx.criteria.map((c) => ({ key: c.key, label: c.label, helpText: c.helpText }))}
        scaleMaxHalf={ctx.grid.scaleMaxHalf}
        stepHalf={ctx.grid.stepHalf}
        commentMode={ctx.grid.commentMode}
        items={items}
      />
    </>
  );
}

/** The chair's dashboard (staff may read it too). */
export async function ChairPage({ actor, slug }: { actor: Actor; slug: string }) {
  const ctx = await loadJuryContext(actor, { slug });
  if (!ctx) notFound();
  const view = await getChairView(actor, ctx);
  if (!view) notFound();
  const next = await getNextSlot(ctx.call.id);
  const nextConflicted = next ? view.jurors.filter((j) => j.conflictedJuryDossierIds.includes(next.id)).map((j) => j.memberId) : [];
  return (
    <>
      <h1>Présidence du jury — {ctx.call.title}</h1>
      {!can(actor, "jury.chair", juryResource(ctx)) && <Alert severity="info" small description="Lecture seule : seul le président du jury enregistre les décisions." />}
      <ChairDashboard
        callId={ctx.call.id}
        path={`/jury/${ctx.call.slug}/presidence`}
        view={view}
        envelope={ctx.call.budgetEnvelopeCents}
        locked={!!ctx.call.deliberationLockedAt}
        nextSlotTitle={next && !ctx.conflictedJuryDossierIds.has(next.id) ? next.dossier.title : null}
        nextSlotConflicted={nextConflicted}
      />
    </>
  );
}
