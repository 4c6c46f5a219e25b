import { z } from "@/lib/validation/zod";

/** Route parameters of the public pages: anything else is a 404. */
export const slugParam = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100);
export const callParams = z.object({ slug: slugParam });
export const laureateParams = z.object({ slug: slugParam, laureate: slugParam });
