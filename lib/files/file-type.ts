/**
 * What a file is, read from its bytes (magic numbers), never from its name.
 * A small signature table rather than the `file-type` package: we accept six
 * formats only, and for the zip-based ones (OpenDocument, Office Open XML)
 * we must look inside the archive — at the `mimetype` entry that ODF puts
 * first, and at the central directory's entry names for OOXML — which we do
 * on the first and last bytes of the upload while it streams to storage.
 * Pure: shared by the server (the decision) and unit tests.
 */

export const ALLOWED_TYPES = {
  pdf: { mime: "application/pdf", label: "un PDF", extensions: ["pdf"] },
  png: { mime: "image/png", label: "une image PNG", extensions: ["png"] },
  jpeg: { mime: "image/jpeg", label: "une image JPEG", extensions: ["jpg", "jpeg"] },
  odt: { mime: "application/vnd.oasis.opendocument.text", label: "un document texte OpenDocument (ODT)", extensions: ["odt"] },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", label: "un tableur OpenDocument (ODS)", extensions: ["ods"] },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "un document Word (DOCX)", extensions: ["docx"] },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "un tableur Excel (XLSX)", extensions: ["xlsx"] },
} as const;

export type AllowedKind = keyof typeof ALLOWED_TYPES;

/** Known but refused formats, named so that the refusal says what the file really is. */
const OTHER_LABEL = {
  zip: "une archive ZIP",
  gif: "une image GIF",
  webp: "une image WebP",
  ole: "un document Office ancien format (DOC, XLS)",
  exe: "un programme exécutable",
  elf: "un programme exécutable",
  gzip: "une archive GZIP",
  rar: "une archive RAR",
  "7z": "une archive 7-Zip",
  html: "une page HTML",
  svg: "une image SVG",
  text: "du texte brut",
  unknown: "d’un type non reconnu",
} as const;

export type DetectedKind = AllowedKind | keyof typeof OTHER_LABEL;

export const ACCEPTED_LABEL = "PDF, PNG, JPEG, ODT, ODS, DOCX ou XLSX";
/** The `accept` attribute of the file input: a hint for the picker, never a control. */
export const ACCEPT_ATTRIBUTE = ".pdf,.png,.jpg,.jpeg,.odt,.ods,.docx,.xlsx";

/** How many bytes of the beginning and of the end of a file detection reads. */
export const HEAD_BYTES = 64 * 1024;
export const TAIL_BYTES = 64 * 1024;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/**
 * The kind of a file from its first bytes (`head`) and, for zip archives,
 * its last bytes (`tail`, where the central directory lives). `head` and
 * `tail` may be the same buffer for a small file.
 */
export function detectKind(head: Uint8Array, tail: Uint8Array = head): DetectedKind {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(head, tail);
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return "gif";
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && ascii(head, 8, 12) === "WEBP") return "webp";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole";
  if (startsWith(head, [0x4d, 0x5a])) return "exe";
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return "elf";
  if (startsWith(head, [0x1f, 0x8b])) return "gzip";
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21])) return "rar";
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  const start = ascii(head, 0, 512).replace(/^\uFEFF?\s*/, "").toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return "html";
  if (start.startsWith("<svg") || (start.startsWith("<?xml") && start.includes("<svg"))) return "svg";
  if (head.length > 0 && !head.subarray(0, 4096).some((c) => c === 0)) return "text";
  return "unknown";
}

/**
 * ODF: the first entry is `mimetype`, stored uncompressed, whose content is
 * the document's type. OOXML: `[Content_Types].xml` plus the `word/` or `xl/`
 * part, read from the central directory (entries may be in any order).
 */
function zipKind(head: Uint8Array, tail: Uint8Array): DetectedKind {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 30) {
    const method = view.getUint16(8, true);
    const nameLength = view.getUint16(26, true);
    const extraLength = view.getUint16(28, true);
    const name = ascii(head, 30, 30 + nameLength);
    if (name === "mimetype" && method === 0) {
      const size = view.getUint32(18, true);
      const from = 30 + nameLength + extraLength;
      const mimetype = ascii(head, from, from + Math.min(size, 100));
      if (mimetype === ALLOWED_TYPES.odt.mime) return "odt";
      if (mimetype === ALLOWED_TYPES.ods.mime) return "ods";
    }
  }
  const names = centralDirectoryNames(tail);
  if (names.has("[Content_Types].xml")) {
    if (names.has("word/document.xml")) return "docx";
    if (names.has("xl/workbook.xml")) return "xlsx";
  }
  return "zip";
}

/** Entry names listed in the zip's central directory, when it lies within `tail`. */
export function centralDirectoryNames(tail: Uint8Array): Set<string> {
  const names = new Set<string>();
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65 535 bytes.
  let eocd = -1;
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return names;
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  let p = eocd - cdSize;
  if (p < 0) return names; // the directory starts before what we kept
  for (let n = 0; n < entries && p + 46 <= eocd; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    names.add(new TextDecoder().decode(tail.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

export function kindLabel(kind: DetectedKind): string {
  return kind in ALLOWED_TYPES ? ALLOWED_TYPES[kind as AllowedKind].label : OTHER_LABEL[kind as keyof typeof OTHER_LABEL];
}

export function isAllowedKind(kind: DetectedKind): kind is AllowedKind {
  return kind in ALLOWED_TYPES;
}

/** The extension of a file name, lower case, without the dot ("" when none). */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : "";
}

/** The kind a name's extension claims, among the accepted ones. */
export function claimedKind(name: string): AllowedKind | null {
  const ext = extensionOf(name);
  for (const [kind, t] of Object.entries(ALLOWED_TYPES)) if ((t.extensions as readonly string[]).includes(ext)) return kind as AllowedKind;
  return null;
}

// ---------------------------------------------------------------- limits

export const LIMITS = {
  /** One file. */
  fileBytes: 10 * 1024 * 1024,
  /** Every attachment of a dossier together. */
  dossierBytes: 30 * 1024 * 1024,
  /** Attachments per dossier. */
  filesPerDossier: 10,
  /** A file name, once cleaned. */
  nameLength: 120,
} as const;

/** « 1,5 Mo », « 820 ko », « 12 octets »: binary multiples, French notation. */
export function formatBytes(bytes: number): string {
  const nbsp = "\u00a0";
  if (bytes < 1024) return `${bytes}${nbsp}octet${bytes > 1 ? "s" : ""}`;
  const fmt = (v: number) => new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(v);
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)}${nbsp}ko`;
  return `${fmt(bytes / (1024 * 1024))}${nbsp}Mo`;
}

/**
 * A file name as we keep and show it: the last path segment, control and
 * reserved characters removed, whitespace collapsed, bounded (keeping the
 * extension). Never used to build a path or a storage key.
 */
export function sanitiseFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  let name = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f"<>:|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if ([...name].length > LIMITS.nameLength) {
    const ext = extensionOf(name);
    const keep = LIMITS.nameLength - (ext ? ext.length + 1 : 0);
    name = [...name].slice(0, keep).join("").trimEnd() + (ext ? `.${ext}` : "");
  }
  return name || "fichier";
}

/** Why a file is refused, as one French sentence naming it; null when it is accepted. */
export function checkContent(name: string, size: number, kind: DetectedKind): string | null {
  const quoted = `Le fichier «\u00a0${name}\u00a0»`;
  if (size === 0) return `${quoted} est vide.`;
  if (size > LIMITS.fileBytes) return `${quoted} dépasse ${formatBytes(LIMITS.fileBytes)} (taille maximale d’un fichier).`;
  const claimed = claimedKind(name);
  if (!isAllowedKind(kind)) {
    return claimed
      ? `${quoted} n’est pas ${ALLOWED_TYPES[claimed].label} : son contenu est ${kindLabel(kind)}. Types acceptés : ${ACCEPTED_LABEL}.`
      : `${quoted} n’est pas d’un type accepté : son contenu est ${kindLabel(kind)}. Types acceptés : ${ACCEPTED_LABEL}.`;
  }
  if (claimed !== kind && !(ALLOWED_TYPES[kind].extensions as readonly string[]).includes(extensionOf(name))) {
    // A PNG named .pdf: the name lies. We refuse rather than rename, so the person sees the mistake.
    const expected = claimed ? ALLOWED_TYPES[claimed].label : "un fichier accepté";
    return `${quoted} n’est pas ${expected} : son contenu est ${kindLabel(kind)}. Renommez-le avec l’extension .${ALLOWED_TYPES[kind].extensions[0]} ou choisissez le bon fichier.`;
  }
  return null;
}
