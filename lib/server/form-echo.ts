
const MAX_KEYS = 60;
const MAX_CHARS = 10_000;

/**
 * A refusal carries back what was typed. A form posted before the page's
 * scripts ran (slow connection, JavaScript off, a click during hydration) is
 * answered by the server rendering the page again: without the values, its
 * fields would come back empty and the person would lose what they wrote.
 * Text entries only (never files), bounded in number and length; React escapes
 * them when it renders them back into the fields.
 */
export function echoOnFailure<R extends { ok: boolean } | null>(result: R, form: FormData, { omit = [] as readonly string[] } = {}): R {
  if (!result || result.ok) return result;
  const values: Record<string, string[]> = {};
  let count = 0;
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string" || omit.includes(key)) continue;
    if (++count > MAX_KEYS) break;
    (values[key] ??= []).push(value.slice(0, MAX_CHARS));
  }
  return { ...result, submitted: values };
}

type Echoing = { ok: boolean; submitted?: Record<string, string[]> } | null | undefined;

/** A field's default after a refusal: what was submitted, else `fallback`. */
export function echoed(state: Echoing, name: string, fallback?: string): string | undefined {
  return (state && !state.ok ? state.submitted?.[name]?.[0] : undefined) ?? fallback;
}

/** A checkbox's or a radio's default after a refusal: whether it was ticked, else `fallback`. */
export function echoedChecked(state: Echoing, name: string, value = "on", fallback?: boolean): boolean | undefined {
  const submitted = state && !state.ok ? state.submitted : undefined;
  return submitted ? (submitted[name] ?? []).includes(value) : fallback;
}
