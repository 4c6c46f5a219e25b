"use client";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { EvaluationOp } from "../jury.schema";
import { enqueue, flush, pending } from "./offline-queue";

export type AuditionItem = {
  juryDossierId: string;
  reference: string | null;
  title: string;
  summary: string;
  administration: string;
  requested: string;
  totalCost: string;
  startsAt: string | null;
  endsAt: string | null;
  slot: string | null;
  locked: boolean;
  submitted: boolean;
  scores: Record<string, number>;
  overallComment: string;
  feedback: string;
  internalNote: string;
  peers: { jurorName: string; total: number | null }[] | null;
};

type Props = {
  callId: string;
  criteria: { key: string; label: string; helpText: string | null }[];
  scaleMaxHalf: number;
  stepHalf: number;
  commentMode: "PER_CRITERION" | "OVERALL";
  items: AuditionItem[];
};

const fmt = (half: number) => String(half / 2).replace(".", ",");
const newOpId = () => (typeof crypto.randomUUID === "function" ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);

export function AuditionDay({ callId, criteria, scaleMaxHalf, stepHalf, commentMode, items }: Props) {
  const router = useRouter();
  const [now, setNow] = useState<number | null>(null);
  const current = useMemo(() => (now === null ? null : items.find((i) => i.startsAt && i.endsAt && Date.parse(i.startsAt) <= now && now < Date.parse(i.endsAt))), [items, now]);
  const [selectedId, setSelectedId] = useState<string>(() => items.find((i) => !i.submitted)?.juryDossierId ?? items[0]?.juryDossierId ?? "");
  const selected = items.find((i) => i.juryDossierId === selectedId) ?? null;
  const [local, setLocal] = useState<Record<string, Record<string, number>>>(() => Object.fromEntries(items.map((i) => [i.juryDossierId, { ...i.scores }])));
  const [texts, setTexts] = useState<Record<string, { overallComment: string; feedback: string; internalNote: string }>>(() =>
    Object.fromEntries(items.map((i) => [i.juryDossierId, { overallComment: i.overallComment, feedback: i.feedback, internalNote: i.internalNote }])),
  );
  const [waiting, setWaiting] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<string>("");

  const sync = useCallback(async () => {
    const report = await flush(callId);
    setWaiting((await pending(callId)).length);
    if (report.refused.length) setErrors(report.refused.map((r) => r.message));
    if (report.sent > 0 && !report.offline) {
      setStatus("Notes synchronisées.");
      router.refresh();
    }
  }, [callId, router]);

  useEffect(() => {
    // The clock starts after hydration: the server's time would not match.
    const first = setTimeout(() => setNow(Date.now()), 0);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    const retry = setInterval(() => void sync(), 10_000);
    const onOnline = () => void sync();
    window.addEventListener("online", onOnline);
    const initial = setTimeout(() => void sync(), 0);
    return () => {
      clearTimeout(first);
      clearTimeout(initial);
      clearInterval(clock);
      clearInterval(retry);
      window.removeEventListener("online", onOnline);
    };
  }, [sync]);

  const save = async (op: Omit<EvaluationOp, "opId">) => {
    setErrors([]);
    await enqueue(callId, { ...op, opId: newOpId() });
    setWaiting((await pending(callId)).length);
    if (navigator.onLine) await sync();
  };

  const values = Array.from({ length: Math.floor(scaleMaxHalf / stepHalf) + 1 }, (_, i) => i * stepHalf);
  const remaining = current && now !== null ? Math.max(0, Date.parse(current.endsAt!) - now) : null;

  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-4">
        <h2 className="fr-h4">Programme du jour</h2>
        <p role="status" aria-live="polite" className="fr-mb-2w">
          {waiting > 0 ? (
            <Badge severity="warning">{`${waiting} note${waiting > 1 ? "s" : ""} en attente de synchronisation`}</Badge>
          ) : (
            <Badge severity="success">Toutes les notes sont synchronisées</Badge>
          )}
        </p>
        <ol className="fr-raw-list">
          {items.map((i) => (
            <li key={i.juryDossierId} className="fr-mb-1w">
              <Button
                priority={i.juryDossierId === selectedId ? "primary" : "tertiary"}
                size="small"
                onClick={() => setSelectedId(i.juryDossierId)}
                aria-current={current?.juryDossierId === i.juryDossierId ? "time" : undefined}
              >
                {`${i.slot ? `${i.slot} — ` : ""}${i.title}${current?.juryDossierId === i.juryDossierId ? " (en cours)" : ""}${i.submitted ? " ✓" : ""}`}
              </Button>
            </li>
          ))}
        </ol>
      </div>
      <div className="fr-col-12 fr-col-md-8">
        {selected ? (
          <section aria-labelledby="dossier-title">
            <h2 id="dossier-title" className="fr-h4">
              {selected.title}
            </h2>
            <p>
              {selected.reference} — {selected.administration}
              <br />
              Montant demandé : <strong>{selected.requested}</strong> (coût total {selected.totalCost})
            </p>
            <p>{selected.summary}</p>
            {remaining !== null && current?.juryDossierId === selected.juryDossierId && (
              <p>
                Temps restant pour l’audition :{" "}
                <strong>
                  {Math.floor(remaining / 60_000)} min {String(Math.floor((remaining % 60_000) / 1000)).padStart(2, "0")} s
                </strong>
              </p>
            )}
            {selected.locked && <Alert severity="info" small description="Ce dossier est verrouillé par le président du jury : les notes ne peuvent plus être modifiées." />}
            {errors.map((e) => (
              <Alert key={e} severity="error" small description={e} className="fr-mb-2w" />
            ))}
            {criteria.map((c) => (
              <RadioButtons
                key={`${selected.juryDossierId}-${c.key}`}
                legend={c.label}
                hintText={c.helpText ?? undefined}
                orientation="horizontal"
                small
                disabled={selected.locked}
                options={values.map((v) => ({
                  label: fmt(v),
                  nativeInputProps: {
                    checked: local[selected.juryDossierId]?.[c.key] === v,
                    onChange: () => {
                      setLocal((l) => ({ ...l, [selected.juryDossierId]: { ...l[selected.juryDossierId], [c.key]: v } }));
                      void save({ juryDossierId: selected.juryDossierId, scores: [{ criterionKey: c.key, valueHalf: v }], submit: false });
                    },
                  },
                }))}
              />
            ))}
            {(["overallComment", "feedback", "internalNote"] as const).map((field) => (
              <Input
                key={`${selected.juryDossierId}-${field}`}
                label={
                  field === "overallComment"
                    ? `Commentaire général${commentMode === "OVERALL" ? " (obligatoire)" : ""}`
                    : field === "feedback"
                      ? "Retour pouvant être communiqué au candidat"
                      : "Note interne au jury (jamais communiquée)"
                }
                textArea
                disabled={selected.locked}
                nativeTextAreaProps={{
                  value: texts[selected.juryDossierId]?.[field] ?? "",
                  onChange: (e) => setTexts((t) => ({ ...t, [selected.juryDossierId]: { ...t[selected.juryDossierId]!, [field]: e.target.value } })),
                  onBlur: (e) => void save({ juryDossierId: selected.juryDossierId, scores: [], [field]: e.target.value, submit: false }),
                }}
              />
            ))}
            <Button
              disabled={selected.locked}
              onClick={() =>
                void save({
                  juryDossierId: selected.juryDossierId,
                  scores: Object.entries(local[selected.juryDossierId] ?? {}).map(([criterionKey, valueHalf]) => ({ criterionKey, valueHalf })),
                  ...texts[selected.juryDossierId],
                  submit: true,
                })
              }
            >
              Valider ma notation
            </Button>
            <p role="status" className="fr-mt-1w">
              {status}
            </p>
            {selected.peers ? (
              <section aria-labelledby="peers-title">
                <h3 id="peers-title" className="fr-h6">
                  Notes des autres membres du jury
                </h3>
                <ul>
                  {selected.peers.map((p) => (
                    <li key={p.jurorName}>
                      {p.jurorName} : {p.total === null ? "—" : `${String(Math.round(p.total * 100) / 100).replace(".", ",")} / ${fmt(scaleMaxHalf)}`}
                    </li>
                  ))}
                </ul>
              </section>
            ) : (
              <p className="fr-text--sm">Les notes des autres membres s’affichent après la validation de la vôtre.</p>
            )}
          </section>
        ) : (
          <p>Aucun dossier à noter.</p>
        )}
      </div>
    </div>
  );
}
