/**
 * The authorization matrix: one entry per page, route handler and server
 * action of the app, one expectation per persona. e2e/authorization-matrix
 * .spec.ts enumerates them from the file system and fails, naming it, for
 * any route or action without an entry here (and for any entry whose file
 * is gone).
 *
 * Adding a route = adding one entry: its key is printed by the failing test.
 * Expectations:
 *   "allow"  the persona gets the page (HTTP 200) / the action runs past its checks;
 *   "deny"   anonymous: redirect to /connexion (or 401); signed in: 403, 404
 *            or a redirect away; actions: an UNAUTHENTICATED / FORBIDDEN result.
 *   "hidden" a 404 whoever asks (results under embargo, someone else's dossier,
 *            an endpoint that does not exist in this configuration).
 */
import { DEMO } from "./auth";

export const PERSONAS = ["anonymous", "applicantA", "applicantB", "staff", "juryOfCall", "juryConflicted", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];
export type Expectation = "allow" | "deny" | "hidden";
export type Expectations = Record<Persona, Expectation>;

/** The demo account each persona signs in with (anonymous: none). */
export const PERSONA_ACCOUNTS: Record<Exclude<Persona, "anonymous">, string> = {
  applicantA: DEMO.applicant,
  applicantB: DEMO.applicantB,
  staff: DEMO.staff,
  juryOfCall: DEMO.jury,
  // A juror of the same call who has declared a conflict on one of its dossiers (lib/demo/seed-jury.ts).
  juryConflicted: DEMO.juryConflicted,
  admin: DEMO.admin,
};

/** The dossier the conflicted juror declared a conflict on: none of it may reach them. */
export const CONFLICTED_DOSSIER = {
  title: "API fictive des parcelles et des aides",
  summary: "Dossier de démonstration inventé (Office fictif des données agricoles).",
  reference: "LAU-DEMO-0003",
};

/**
 * What an applicant of one administration must never see on a non-public
 * page: the other administration's name and its agent.
 */
export const TENANT_SECRETS: Partial<Record<Persona, string[]>> = {
  applicantA: ["Direction fictive des données judiciaires", "candidat2@demo.laureat.fr", "Claude Candidat"],
  applicantB: ["Préfecture fictive de Bellecombe", "candidat@demo.laureat.fr", "Camille Candidate"],
};

const every = (e: Expectation): Expectations => Object.fromEntries(PERSONAS.map((p) => [p, e])) as Expectations;
/** Anyone, signed in or not. */
export const PUBLIC = every("allow");
/** Any signed-in person. */
export const SIGNED_IN: Expectations = { ...every("allow"), anonymous: "deny" };
/** Nobody: a 404 for every persona. */
export const HIDDEN = every("hidden");
/** Signed-in personas get a 404, anonymous visitors are sent to sign in. */
export const HIDDEN_SIGNED_IN: Expectations = { ...every("hidden"), anonymous: "deny" };
/** Only the listed personas. */
export const only = (...allowed: Persona[]): Expectations =>
  Object.fromEntries(PERSONAS.map((p) => [p, allowed.includes(p) ? "allow" : "deny"])) as Expectations;

export type RouteEntry = {
  /** The concrete URL requested for a dynamic route. */
  path: string;
  method?: "GET" | "POST";
  expect: Expectations;
  /** Public data (published results…): the tenant check does not apply. */
  publicData?: boolean;
  /** Extra texts a persona must not find in the body. */
  mustNotContain?: Partial<Record<Persona, string[]>>;
};

export type ActionEntry = {
  expect: Expectations;
  /**
   * How the action is called: `(previousState, formData)` for useActionState
   * actions (default), `(formData)` for plain form actions. The form is empty:
   * an allowed persona gets past authorization and stops at validation.
   */
  args?: "state-form" | "form";
  /** The action ends the caller's session when allowed: the persona signs in again afterwards. */
  endsSession?: boolean;
};

/** Keyed by route pattern, as derived from app/: route groups removed, `[param]` kept. */
export const ROUTES: Record<string, RouteEntry> = {
  "/": { path: "/", expect: PUBLIC, publicData: true },
  "/accessibilite": { path: "/accessibilite", expect: PUBLIC, publicData: true },
  "/mentions-legales": { path: "/mentions-legales", expect: PUBLIC, publicData: true },
  "/donnees-personnelles": { path: "/donnees-personnelles", expect: PUBLIC, publicData: true },
  "/plan-du-site": { path: "/plan-du-site", expect: PUBLIC, publicData: true },
  "/appels/[slug]": { path: "/appels/donnee-administration-2021", expect: PUBLIC, publicData: true },
  "/connexion": { path: "/connexion", expect: PUBLIC },
  "/connexion/lien-par-courriel": { path: "/connexion/lien-par-courriel", expect: PUBLIC },
  "/connexion/lien": { path: "/connexion/lien?jeton=inconnu", expect: PUBLIC },
  "/connexion/mot-de-passe-oublie": { path: "/connexion/mot-de-passe-oublie", expect: PUBLIC },
  "/connexion/nouveau-mot-de-passe": { path: "/connexion/nouveau-mot-de-passe?jeton=inconnu", expect: PUBLIC },
  "/espace": { path: "/espace", expect: SIGNED_IN },
  // Invitations: administrators send them; the link's page is public (the token is the credential).
  "/espace/invitations": { path: "/espace/invitations", expect: only("admin") },
  "/invitation": { path: "/invitation?jeton=inconnu", expect: PUBLIC },
  // next-auth: the session endpoint answers everyone (null when anonymous).
  "/api/auth/[...nextauth]": { path: "/api/auth/session", expect: PUBLIC },
  // Benchmarks only (LAUREAT_QUERY_COUNTER=1): absent otherwise.
  "/api/metrics/queries": { path: "/api/metrics/queries", expect: HIDDEN },

  // Staff inbox: programme staff of the call and administrators.
  "/instruction/appels/[slug]": { path: "/instruction/appels/donnee-administration-2021", expect: only("staff", "admin") },
  // Staff's view of one dossier: seeded ids are random, so an id nobody has
  // answers 404 to everyone; a real dossier for staff only is proven in
  // lib/review/review.int.test.ts and e2e/staff-review.spec.ts.
  "/instruction/appels/[slug]/dossiers/[id]": {
    path: "/instruction/appels/guichet-continu-petits-projets/dossiers/00000000-0000-4000-8000-000000000000",
    expect: HIDDEN_SIGNED_IN,
  },
  // A dossier as a ZIP: like its page, an id nobody has answers 404 to everyone;
  // the download by staff (and the refusal to others) is in e2e/staff-views.spec.ts.
  "/instruction/appels/[slug]/dossiers/[id]/dossier.zip": {
    path: "/instruction/appels/guichet-continu-petits-projets/dossiers/00000000-0000-4000-8000-000000000000/dossier.zip",
    expect: HIDDEN_SIGNED_IN,
  },
  // Exports of the inbox list and the audition planning: the same people.
  "/instruction/appels/[slug]/dossiers.csv": { path: "/instruction/appels/donnee-administration-2021/dossiers.csv", expect: only("staff", "admin") },
  "/instruction/appels/[slug]/dossiers.xlsx": { path: "/instruction/appels/donnee-administration-2021/dossiers.xlsx", expect: only("staff", "admin") },
  // Background exports: the list of one's own jobs; a job's file for its requester only (a job nobody has: 404).
  "/instruction/appels/[slug]/exports": { path: "/instruction/appels/donnee-administration-2021/exports", expect: only("staff", "admin") },
  "/instruction/appels/[slug]/exports/[id]": { path: "/instruction/appels/donnee-administration-2021/exports/00000000-0000-4000-8000-000000000000", expect: HIDDEN_SIGNED_IN },
  "/instruction/appels/[slug]/auditions": { path: "/instruction/appels/donnee-administration-2021/auditions", expect: only("staff", "admin") },
  // Statistics of a call (pending preselection decisions included): its staff and administrators only.
  "/instruction/appels/[slug]/statistiques": { path: "/instruction/appels/donnee-administration-2021/statistiques", expect: only("staff", "admin") },
  "/instruction/appels/[slug]/jury": { path: "/instruction/appels/journee-auditions-demo/jury", expect: only("staff", "admin") },

  // Applicant journey. Access to a given dossier by its own administration is
  // proven in lib/dossiers/dossier.int.test.ts and e2e/dossier-*.spec.ts; here
  // an id nobody owns must reveal nothing to anyone.
  "/espace/dossiers": { path: "/espace/dossiers", expect: only("applicantA", "applicantB") },
  // Outside experts: anyone signed in reads their own (possibly empty) list of
  // requests; a request is reached by its expert only (lib/review/opinion.int.test.ts).
  "/espace/avis": { path: "/espace/avis", expect: SIGNED_IN },
  "/espace/avis/[id]": { path: "/espace/avis/00000000-0000-4000-8000-000000000000", expect: HIDDEN_SIGNED_IN },
  "/espace/dossiers/nouveau/[slug]": { path: "/espace/dossiers/nouveau/guichet-continu-petits-projets", expect: SIGNED_IN },
  "/espace/dossiers/[id]": { path: "/espace/dossiers/00000000-0000-4000-8000-000000000000", expect: HIDDEN_SIGNED_IN },
  "/espace/dossiers/[id]/accuse-de-reception": {
    path: "/espace/dossiers/00000000-0000-4000-8000-000000000000/accuse-de-reception",
    expect: HIDDEN_SIGNED_IN,
  },
  "/espace/dossiers/[id]/accuse-de-reception/pdf": {
    path: "/espace/dossiers/00000000-0000-4000-8000-000000000000/accuse-de-reception/pdf",
    expect: HIDDEN_SIGNED_IN,
  },
  // Attachments: upload (POST, the raw file) and download. A dossier nobody
  // owns answers 404 to everyone; the real rules (own administration, staff
  // once submitted, nobody else) are proven in lib/files/attachment.int.test.ts
  // and e2e/dossier-journey.spec.ts.
  "/espace/dossiers/[id]/pieces-jointes": {
    path: "/espace/dossiers/00000000-0000-4000-8000-000000000000/pieces-jointes",
    method: "POST",
    expect: HIDDEN_SIGNED_IN,
  },
  "/espace/dossiers/[id]/pieces-jointes/[attachmentId]": {
    path: "/espace/dossiers/00000000-0000-4000-8000-000000000000/pieces-jointes/00000000-0000-4000-8000-000000000000",
    expect: HIDDEN_SIGNED_IN,
  },

  // Publication: the demo call is under embargo (locked deliberation, not
  // published) when the matrix runs, so its results exist for nobody yet.
  "/espace/appels/[slug]/publication": { path: "/espace/appels/donnee-administration-2021/publication", expect: only("staff", "admin") },
  // Call management (lib/calls): administrators create, open, duplicate and
  // choose the team; the programme staff of a call edit it (per-call staff
  // and jurors: lib/calls/call.int.test.ts).
  "/espace/appels": { path: "/espace/appels", expect: only("staff", "admin") },
  "/espace/appels/nouveau": { path: "/espace/appels/nouveau", expect: only("admin") },
  "/espace/appels/[slug]": { path: "/espace/appels/donnee-administration-2021", expect: only("staff", "admin") },
  "/espace/appels/[slug]/modifier": { path: "/espace/appels/donnee-administration-2021/modifier", expect: only("staff", "admin") },
  "/espace/appels/[slug]/questions": { path: "/espace/appels/guichet-continu-petits-projets/questions", expect: only("staff", "admin") },
  "/espace/appels/[slug]/equipe": { path: "/espace/appels/donnee-administration-2021/equipe", expect: only("admin") },
  "/espace/appels/[slug]/apercu": { path: "/espace/appels/donnee-administration-2021/apercu", expect: only("staff", "admin") },
  "/appels/[slug]/resultats": { path: "/appels/donnee-administration-2021/resultats", expect: HIDDEN },
  // Data retention (dry-run listing, period, archive step): administrators only.
  "/espace/appels/[slug]/conservation": { path: "/espace/appels/donnee-administration-2021/conservation", expect: only("admin") },
  "/appels/[slug]/laureats/[laureate]": { path: "/appels/donnee-administration-2021/laureats/lau-2020-0001", expect: HIDDEN },
  "/appels/[slug]/donnees/subventions.csv": { path: "/appels/donnee-administration-2021/donnees/subventions.csv", expect: HIDDEN },
  "/appels/[slug]/donnees/subventions.json": { path: "/appels/donnee-administration-2021/donnees/subventions.json", expect: HIDDEN },
  "/donnees/catalogue.json": { path: "/donnees/catalogue.json", expect: PUBLIC, publicData: true },
  "/resultats.atom": { path: "/resultats.atom", expect: PUBLIC, publicData: true },
  "/statistiques": { path: "/statistiques", expect: PUBLIC, publicData: true },

  // Jury of the demo audition day (jury@ is a member, not the chair; staff
  // and admins see the chair's screen read-only; the minutes exist once the
  // deliberation is locked, which it is not in the demo).
  "/jury/[slug]": {
    path: "/jury/journee-auditions-demo",
    expect: only("juryOfCall", "juryConflicted"),
    mustNotContain: { juryConflicted: Object.values(CONFLICTED_DOSSIER) },
  },
  "/jury/[slug]/presidence": { path: "/jury/journee-auditions-demo/presidence", expect: only("staff", "admin") },
  "/jury/[slug]/presidence/proces-verbal": { path: "/jury/journee-auditions-demo/presidence/proces-verbal", expect: HIDDEN_SIGNED_IN },
  "/api/jury/[callId]/evaluations": {
    path: "/api/jury/00000000-0000-4000-8000-000000000000/evaluations",
    method: "POST",
    expect: only(),
  },
};

/** Keyed by `file#exportName` of every export of a "use server" file. */
export const ACTIONS: Record<string, ActionEntry> = {
  "lib/auth/sign-in.actions.ts#signInWithPassword": { expect: PUBLIC },
  "lib/auth/sign-in.actions.ts#signOut": { expect: PUBLIC, args: "form", endsSession: true },
  "lib/auth/sign-in.actions.ts#signOutEverywhere": { expect: SIGNED_IN, args: "form", endsSession: true },
  "lib/auth/email-link.actions.ts#requestMagicLinkAction": { expect: PUBLIC },
  "lib/auth/email-link.actions.ts#requestPasswordResetAction": { expect: PUBLIC },
  "lib/auth/email-link.actions.ts#consumeMagicLinkAction": { expect: PUBLIC },
  "lib/auth/email-link.actions.ts#resetPasswordAction": { expect: PUBLIC },
  "lib/auth/invitation.actions.ts#createInvitationAction": { expect: only("admin") },
  "lib/auth/invitation.actions.ts#revokeInvitationAction": { expect: only("admin") },
  "lib/auth/invitation.actions.ts#acceptInvitationAction": { expect: PUBLIC },

  // Dossier actions authorize on the dossier they load: with an empty form a
  // signed-in person stops at validation; the per-dossier denials (other
  // administration, staff, jury) are proven in lib/dossiers/dossier.int.test.ts.
  "lib/dossiers/dossier.actions.ts#createDossierAction": { expect: SIGNED_IN },
  "lib/dossiers/dossier.actions.ts#saveDossierStepAction": { expect: SIGNED_IN, args: "form" },
  "lib/dossiers/dossier.actions.ts#submitDossierAction": { expect: SIGNED_IN, args: "form" },
  "lib/dossiers/dossier.actions.ts#withdrawDossierAction": { expect: SIGNED_IN },
  // The applicant's answer to a correction request authorizes on the dossier it loads.
  "lib/dossiers/dossier.actions.ts#answerCorrectionAction": { expect: SIGNED_IN },
  // Removing an attachment authorizes on the dossier it loads (per-dossier rights: lib/files/attachment.int.test.ts).
  "lib/files/attachment.actions.ts#removeAttachmentAction": { expect: SIGNED_IN },
  // Staff review: staff of some call (or admins) get past the gate and stop at
  // validation; per-dossier and per-call rights are proven in lib/review/review.int.test.ts.
  "lib/review/review.actions.ts#addAnnotationAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#requestCorrectionAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#decideAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#releaseDecisionsAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#setAssigneesAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#setTagsAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#createTagAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#tickEligibilityAction": { expect: only("staff", "admin") },
  "lib/review/review.actions.ts#bulkActionAction": { expect: only("staff", "admin") },
  // Outside opinions: asking passes the staff gate, then authorizes on the
  // dossier; answering authorizes on the request (its expert only).
  "lib/review/opinion.actions.ts#requestOpinionAction": { expect: only("staff", "admin") },
  "lib/review/opinion.actions.ts#giveOpinionAction": { expect: SIGNED_IN },
  // A background export: the staff gate, then the call named in the form (`review.export`).
  "lib/review/export-job.actions.ts#requestExportJobAction": { expect: only("staff", "admin"), args: "form" },
  // Saved inbox views: the staff gate first; then the view is scoped to its owner
  // and the call to its staff (lib/review/inbox-view.int.test.ts).
  "lib/review/inbox-view.actions.ts#saveInboxViewAction": { expect: only("staff", "admin") },
  "lib/review/inbox-view.actions.ts#renameInboxViewAction": { expect: only("staff", "admin") },
  "lib/review/inbox-view.actions.ts#deleteInboxViewAction": { expect: only("staff", "admin") },
  // Publication authorizes on the call it loads (`publication.publish`).
  "lib/publication/publication.actions.ts#publishResultsAction": { expect: SIGNED_IN },
  // Call management: refused before the input is read to anyone outside the
  // management space (or, for creating, duplicating and the team, to anyone
  // but administrators); an allowed persona stops at validation.
  "lib/calls/call.actions.ts#createCallAction": { expect: only("admin"), args: "form" },
  "lib/calls/call.actions.ts#updateCallAction": { expect: only("staff", "admin"), args: "form" },
  "lib/calls/call.actions.ts#addQuestionAction": { expect: only("staff", "admin"), args: "form" },
  "lib/calls/call.actions.ts#removeQuestionAction": { expect: only("staff", "admin") },
  "lib/calls/call.actions.ts#transitionCallAction": { expect: only("staff", "admin") },
  "lib/calls/call.actions.ts#duplicateCallAction": { expect: only("admin") },
  "lib/calls/call.actions.ts#addTeamMemberAction": { expect: only("admin") },
  "lib/calls/call.actions.ts#removeTeamMemberAction": { expect: only("admin") },
  // Retention actions check the global ADMIN role before reading the form.
  "lib/calls/retention.actions.ts#archiveCallAction": { expect: only("admin") },
  "lib/calls/retention.actions.ts#setRetentionPeriodAction": { expect: only("admin") },
  // Jury actions authorize on the call named in the form: with none, nobody
  // gets through (per-call and per-dossier rights: lib/jury/jury.int.test.ts).
  // Audition planning authorizes on the call named in the form (`review.auditions`):
  // with none, nobody gets through (per-call rights: lib/review/audition.int.test.ts).
  "lib/review/audition.actions.ts#saveAuditionDayAction": { expect: only() },
  "lib/review/audition.actions.ts#saveAssignmentsAction": { expect: only() },
  "lib/review/audition.actions.ts#sendConvocationsAction": { expect: only() },
  "lib/jury/jury.actions.ts#acceptConfidentialityAction": { expect: only() },
  "lib/jury/jury.actions.ts#declareConflictAction": { expect: only() },
  "lib/jury/jury.actions.ts#completeDeclarationsAction": { expect: only() },
  "lib/jury/jury.actions.ts#reviewConflictAction": { expect: only() },
  "lib/jury/jury.actions.ts#proposeConflictsAction": { expect: only() },
  "lib/jury/jury.actions.ts#lockDossierAction": { expect: only() },
  "lib/jury/jury.actions.ts#recordDecisionAction": { expect: only() },
  "lib/jury/jury.actions.ts#lockDeliberationAction": { expect: only() },
  "lib/jury/jury.actions.ts#saveScoringGridAction": { expect: only() },
  "lib/jury/jury.actions.ts#addConflictAsStaffAction": { expect: only() },
  "lib/jury/jury.actions.ts#draftFeedbacksAction": { expect: only() },
  "lib/jury/jury.actions.ts#saveFeedbackAction": { expect: only() },
  "lib/jury/jury.actions.ts#releaseFeedbacksAction": { expect: only() },
};
