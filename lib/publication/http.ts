/** Responses of the open-data route handlers (the app's 404 page is for HTML). */
export function notFoundResponse(): Response {
  return new Response("Ressource introuvable.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

export function fileResponse(body: string, contentType: string, filename?: string): Response {
  const headers: Record<string, string> = {
    "content-type": contentType,
    // Short shared caching: the server keeps the data cached until the next publication.
    "cache-control": "public, max-age=60",
    "x-content-type-options": "nosniff",
  };
  if (filename) headers["content-disposition"] = `attachment; filename="${filename}"`;
  return new Response(body, { headers });
}
