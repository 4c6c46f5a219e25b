"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FieldErrors } from "@/lib/server/result";
import { saveDossierStepAction } from "../dossier.actions";
import type { FormStepKey } from "../dossier.schema";

export type Conflict = { step: FormStepKey; mine: unknown; theirs: unknown; version: number; updatedAt: string };

export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "error"; message: string; fieldErrors?: FieldErrors }
  | { kind: "conflict"; conflict: Conflict };

export type SaveOutcome = "saved" | "offline" | "error" | "conflict" | "nothing";

/**
 * Saves one step at a time, in order, with the version the last save
 * returned. Offline, the values wait in memory and leave when the browser is
 * back online; a conflict stops saving until the person chooses.
 */
export function useAutosave(dossierId: string, initialVersion: number, onSaved: (step: FormStepKey, values: unknown) => void) {
  const version = useRef(initialVersion);
  const pending = useRef<{ step: FormStepKey; values: unknown } | null>(null);
  const chain = useRef<Promise<SaveOutcome>>(Promise.resolve("nothing"));
  const blocked = useRef(false);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  }, [onSaved]);

  const flush = useCallback(async (): Promise<SaveOutcome> => {
    const job = pending.current;
    if (!job) return "nothing";
    if (blocked.current) return "conflict";
    if (typeof navigator !== "undefined" && !navigator.onLine) {
      setState({ kind: "offline" });
      return "offline";
    }
    pending.current = null;
    setState({ kind: "saving" });
    try {
      const r = await saveDossierStepAction({ dossierId, step: job.step, version: version.current, values: job.values });
      if (r.ok) {
        version.current = r.data.version;
        onSavedRef.current(job.step, job.values);
        if (!pending.current) setState({ kind: "saved", at: r.data.savedAt });
        return "saved";
      }
      if (r.code === "CONFLICT" && "current" in r) {
        blocked.current = true;
        setState({ kind: "conflict", conflict: { step: job.step, mine: job.values, theirs: r.current.values, version: r.current.version, updatedAt: r.current.updatedAt } });
        return "conflict";
      }
      setState({ kind: "error", message: r.message, fieldErrors: r.fieldErrors });
      return "error";
    } catch {
      // The request did not reach the server: keep the values for later.
      pending.current ??= job;
      setState({ kind: "offline" });
      return "offline";
    }
  }, [dossierId]);

  const save = useCallback(
    (step: FormStepKey, values: unknown): Promise<SaveOutcome> => {
      pending.current = { step, values };
      chain.current = chain.current.then(flush, flush);
      return chain.current;
    },
    [flush],
  );

  /** Typing started: a save is coming, the last « Enregistré à » no longer tells the truth. */
  const markDirty = useCallback(() => {
    setState((s) => (s.kind === "conflict" || s.kind === "offline" || s.kind === "saving" ? s : { kind: "saving" }));
  }, []);

  /** The person keeps their version: it is saved over the current one, knowingly. */
  const keepMine = useCallback(
    (conflict: Conflict) => {
      blocked.current = false;
      version.current = conflict.version;
      return save(conflict.step, conflict.mine);
    },
    [save],
  );

  /** The person takes the saved version: nothing is written. */
  const takeTheirs = useCallback((conflict: Conflict) => {
    blocked.current = false;
    version.current = conflict.version;
    pending.current = null;
    onSavedRef.current(conflict.step, conflict.theirs);
    setState({ kind: "saved", at: conflict.updatedAt });
  }, []);

  useEffect(() => {
    const retry = () => {
      if (pending.current) chain.current = chain.current.then(flush, flush);
    };
    const warn = (e: BeforeUnloadEvent) => {
      if (pending.current) e.preventDefault();
    };
    const offline = () => {
      if (pending.current) setState({ kind: "offline" });
    };
    window.addEventListener("online", retry);
    window.addEventListener("offline", offline);
    window.addEventListener("beforeunload", warn);
    return () => {
      window.removeEventListener("online", retry);
      window.removeEventListener("offline", offline);
      window.removeEventListener("beforeunload", warn);
    };
  }, [flush]);

  return { state, save, keepMine, takeTheirs, markDirty };
}

const timeFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });

export function SaveIndicator({ state }: { state: SaveState }) {
  const text =
    state.kind === "saving"
      ? "Enregistrement…"
      : state.kind === "saved"
        ? `Enregistré à ${timeFormatter.format(new Date(state.at))}`
        : state.kind === "offline"
          ? "Hors ligne — sera enregistré"
          : state.kind === "error"
            ? "Enregistrement impossible : corrigez les champs signalés"
            : state.kind === "conflict"
              ? "Non enregistré : conflit de modification"
              : "Brouillon enregistré automatiquement";
  const icon =
    state.kind === "saved" ? "fr-icon-check-line" : state.kind === "offline" ? "fr-icon-wifi-line" : state.kind === "error" || state.kind === "conflict" ? "fr-icon-warning-line" : "fr-icon-save-line";
  return (
    <p className={`fr-text--sm fr-mb-2w ${icon} fr-icon--sm`} role="status" aria-live="polite" data-save-state={state.kind}>
      {" "}
      {text}
    </p>
  );
}
