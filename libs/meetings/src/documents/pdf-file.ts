const PDF_MAGIC = Buffer.from('%PDF-', 'ascii');

/** A PDF is recognised by its content (the `%PDF-` header), never by its name or the client's content type. */
export function isPdf(content: Buffer): boolean {
  return content.length > PDF_MAGIC.length && content.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

const MAX_NAME = 200;

/**
 * A safe stored filename: no path, no control or reserved characters, Vietnamese letters kept (NFC),
 * always ending in `.pdf`.
 */
export function sanitizeFilename(original: string | undefined): string {
  const base = (original ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[^\p{L}\p{M}\p{N} ._\-()[\],+&@']/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/_+/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  name = name.replace(/\.pdf$/i, '').replace(/[\s.]+$/g, '');
  if (!name || /^_+$/.test(name)) name = 'tai-lieu';
  return `${[...name].slice(0, MAX_NAME).join('')}.pdf`;
}

/** `attachment` with an ASCII fallback and the exact UTF-8 name as RFC 5987 `filename*`. */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
