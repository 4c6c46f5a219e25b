"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, true
 * after. A form that only works with JavaScript (react-hook-form) keeps its
 * submit button disabled until then: a click or Enter before the scripts ran
 * would otherwise send a native GET to the page, with everything typed in the
 * URL (history, server logs) and nothing saved.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
