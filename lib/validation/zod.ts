import { z } from "zod";

/**
 * The one zod instance, with French messages (zod's own `fr` locale) for
 * every schema, in the browser and on the server. Import `z` from here.
 */
z.config(z.locales.fr());

export { z };
