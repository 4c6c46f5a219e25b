/**
 * The roles the sweeps run as: anonymous visitors, and one demo account per
 * signed-in role (lib/demo/seed.ts). Each signed-in role signs in once, through
 * the sign-in form, and its session is reused for every page it visits
 * (Playwright `storageState`, saved under .data/e2e-auth/).
 *
 * A page a role may not open must still answer with an accessible page (the
 * sign-in page, the French 403 or 404), which the sweep checks too.
 */
export type SweepRole = {
  name: string;
  /** Demo account to sign in with; none for anonymous visitors. */
  email?: string;
  /** Both themes for anonymous visitors; one for signed-in roles keeps the sweep within CI's time. */
  themes: ("light" | "dark")[];
};

export const ROLES: SweepRole[] = [
  { name: "anonyme", themes: ["light", "dark"] },
  { name: "candidat", email: "candidat@demo.laureat.fr", themes: ["light"] },
  { name: "instruction", email: "instruction@demo.laureat.fr", themes: ["dark"] },
  { name: "présidente du jury", email: "presidente@demo.laureat.fr", themes: ["light"] },
  { name: "administrateur", email: "admin@demo.laureat.fr", themes: ["dark"] },
];

export const storageStatePath = (role: SweepRole) => `.data/e2e-auth/${role.name.normalize("NFD").replace(/[^a-z]+/gi, "-")}.json`;
