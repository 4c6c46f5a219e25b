/**
 * Saved views of the staff inbox: inputs shared by the form and the server,
 * and the one function that turns a stored or posted query into inbox filters.
 * A view's query is only ever read through `parseInboxParams` (whitelists,
 * bound parameters): never concatenated into SQL.
 */
import { z } from "@/lib/validation/zod";
import { inboxSearchParams, parseInboxParams, searchParamsRecord, type InboxFilters } from "./inbox.schema";

export const VIEW_NAME_MAX = 60;
export const VIEW_QUERY_MAX = 2000;
/** Views a staff member may keep per call. */
export const MAX_VIEWS_PER_CALL = 20;

const form = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: "Le formulaire est incomplet : rechargez la page." });
const uuid = (what: string) => z.uuid({ error: `${what} inconnue.` });

export const viewName = z
  .string({ error: "Nom de la vue : ce champ est obligatoire." })
  .trim()
  .min(1, { error: "Nom de la vue : ce champ est obligatoire.", abort: true })
  .max(VIEW_NAME_MAX, { error: `Nom de la vue : ${VIEW_NAME_MAX} caractères au maximum.` })
  // Plain text: no control characters (PostgreSQL refuses NUL), no lone surrogates.
  .refine((s) => s.isWellFormed() && !/[\u0000-\u001F\u007F]/.test(s), { error: "Nom de la vue : ce texte contient des caractères non autorisés." });

const viewQuery = z
  .string({ error: "Filtres de la vue : rechargez la page." })
  .max(VIEW_QUERY_MAX, { error: "Filtres de la vue : trop de filtres pour une vue." });

export const saveViewInput = form({ callId: uuid("Appel"), name: viewName, query: viewQuery });
export const renameViewInput = form({ viewId: uuid("Vue"), name: viewName });
export const deleteViewInput = form({ viewId: uuid("Vue") });

/**
 * The normalised form of an inbox query: what `parseInboxParams` keeps,
 * written back by `inboxSearchParams`, without the page position (a view is
 * a list, not a page of it). `ignored` names what was dropped.
 */
export function normaliseViewQuery(query: string): { query: string; filters: InboxFilters; ignored: string[] } {
  const raw = query.startsWith("?") ? query.slice(1) : query;
  const { filters, ignored } = parseInboxParams(searchParamsRecord(new URLSearchParams(raw)));
  const kept: InboxFilters = { ...filters, after: null };
  return { query: inboxSearchParams(kept).toString(), filters: kept, ignored: ignored.filter((i) => i !== "apres") };
}
