import { signatureAppearancePdf } from '../layout/appearance.js';
import { buildCms, type CmsOptions, type RawSigner } from '../signing/cms.js';
import { dict, IncrementalUpdate, isDict, isRef, name, num, PdfFile, PdfSyntaxError, textString, type PdfDict, type PdfRef, type PdfValue } from './pdf-objects.js';

/** Room for the CMS: the chain, the signature and an RFC 3161 token fit in 16 KiB with a wide margin. */
const CONTENTS_BYTES = 16384;
const BR_PLACEHOLDER = '/ByteRange [0 9999999999 9999999999 9999999999]';

export interface PdfSignRequest {
  /** Unique field name, e.g. `chair`. */
  fieldName: string;
  page: number;
  rect: [number, number, number, number];
  appearance: string[];
  signerName: string;
  reason?: string;
  location?: string;
  signingTime: Date;
}

export class SignatureTooLargeError extends Error {}

/** `D:20261202101530+07'00'` in Vietnam time (ISO 32000-1, 7.9.4). */
export function pdfDate(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600 * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `D:${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}+07'00'`;
}

/** Copies the objects a value refers to from another file into the update, renumbered. */
function copier(src: PdfFile, upd: IncrementalUpdate): (v: PdfValue) => PdfValue {
  const map = new Map<number, PdfRef>();
  const copy = (v: PdfValue): PdfValue => {
    if (Array.isArray(v)) return v.map(copy);
    if (v.t === 'dict') return { t: 'dict', m: new Map([...v.m].map(([k, x]) => [k, copy(x)])) };
    if (v.t !== 'ref') return v;
    const known = map.get(v.n);
    if (known) return known;
    const r = upd.allocate();
    map.set(v.n, r);
    const o = src.object(v.n);
    const value = copy(o.value);
    upd.write(r, value, o.stream);
    return r;
  };
  return copy;
}

/**
 * Adds one PAdES signature (ETSI.CAdES.detached) by incremental update (ISO 32000-1, 7.5.6 and 12.8): a signature
 * field with a visible widget in the given rectangle, the signature dictionary whose ByteRange covers the whole file
 * except the Contents hole, and the CMS in that hole. Earlier bytes, and so earlier signatures, stay as they are.
 */
export async function signPdf(pdf: Buffer, req: PdfSignRequest, signer: RawSigner, cms: Omit<CmsOptions, 'signingTime'> = {}): Promise<Buffer> {
  const base = new PdfFile(pdf);
  const pages = base.pages();
  const pageRef = pages[req.page];
  if (!pageRef) throw new PdfSyntaxError(`page ${req.page} does not exist`);
  const upd = new IncrementalUpdate(base);

  // the visible appearance: a tiny PDF drawn with the document's fonts, its page becomes a form XObject
  const [x1, y1, x2, y2] = req.rect;
  const w = x2 - x1;
  const h = y2 - y1;
  const mini = new PdfFile(await signatureAppearancePdf(req.appearance, w, h));
  const miniPage = mini.dictOf(mini.pages()[0]);
  const copy = copier(mini, upd);
  const contents = mini.resolve(miniPage.m.get('Contents'));
  const contentRef = Array.isArray(contents) ? contents[0] : miniPage.m.get('Contents');
  if (!isRef(contentRef)) throw new PdfSyntaxError('appearance has no content stream');
  const stream = mini.object(contentRef.n);
  const formRef = upd.allocate();
  const form = dict([
    ['Type', name('XObject')],
    ['Subtype', name('Form')],
    ['BBox', [num(0), num(0), num(w), num(h)]],
    ['Resources', copy(mini.resolve(miniPage.m.get('Resources')) ?? dict([]))],
  ]);
  const filter = isDict(stream.value) ? stream.value.m.get('Filter') : undefined;
  if (filter) form.m.set('Filter', filter);
  upd.write(formRef, form, stream.stream);

  const sigRef = upd.allocate();
  const sigRaw =
    `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ${BR_PLACEHOLDER} /Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>` +
    ` /M (${pdfDate(req.signingTime)}) /Name ${textString(req.signerName).raw}` +
    (req.reason ? ` /Reason ${textString(req.reason).raw}` : '') +
    (req.location ? ` /Location ${textString(req.location).raw}` : '') +
    '>>';
  upd.writeRaw(sigRef, sigRaw);

  const widgetRef = upd.allocate();
  upd.write(
    widgetRef,
    dict([
      ['Type', name('Annot')],
      ['Subtype', name('Widget')],
      ['FT', name('Sig')],
      ['T', textString(req.fieldName)],
      ['V', sigRef],
      ['Rect', req.rect.map((n) => num(n))],
      // Print + Locked: the appearance prints and cannot be moved
      ['F', num(132)],
      ['P', pageRef],
      ['AP', dict([['N', formRef]])],
    ]),
  );

  const page = base.dictOf(pageRef);
  const newPage: PdfDict = { t: 'dict', m: new Map(page.m) };
  const annots = base.resolve(page.m.get('Annots'));
  newPage.m.set('Annots', [...(Array.isArray(annots) ? annots : []), widgetRef]);
  upd.write(pageRef, newPage);

  const root = base.dictOf(base.rootRef);
  const newRoot: PdfDict = { t: 'dict', m: new Map(root.m) };
  const acro = base.resolve(root.m.get('AcroForm'));
  const acroDict: PdfDict = isDict(acro) ? { t: 'dict', m: new Map(acro.m) } : dict([]);
  const fields = base.resolve(acroDict.m.get('Fields'));
  const names = new Set(
    (Array.isArray(fields) ? fields : []).map((f) => {
      const t = base.dictOf(f).m.get('T');
      return t && !Array.isArray(t) && (t.t === 'str' || t.t === 'hex') ? t.raw : '';
    }),
  );
  if (names.has(textString(req.fieldName).raw)) throw new PdfSyntaxError(`the document already has a field named ${req.fieldName}`);
  acroDict.m.set('Fields', [...(Array.isArray(fields) ? fields : []), widgetRef]);
  // SignaturesExist | AppendOnly (ISO 32000-1, 12.7.2, table 219)
  acroDict.m.set('SigFlags', num(3));
  newRoot.m.set('AcroForm', acroDict);
  upd.write(base.rootRef, newRoot);

  const out = upd.finish();
  return embedSignature(out, req.signingTime, signer, cms);
}

async function embedSignature(out: Buffer, signingTime: Date, signer: RawSigner, cms: Omit<CmsOptions, 'signingTime'>): Promise<Buffer> {
  const text = out.toString('latin1');
  const br = text.lastIndexOf(BR_PLACEHOLDER);
  const a = text.indexOf('/Contents <', br) + '/Contents '.length;
  const b = text.indexOf('>', a) + 1;
  if (br < 0 || a < br || b <= a) throw new PdfSyntaxError('signature placeholder not found');
  const pad = (n: number): string => String(n).padEnd(10, ' ');
  const range = `/ByteRange [0 ${pad(a)} ${pad(b)} ${pad(out.length - b)}]`;
  if (range.length !== BR_PLACEHOLDER.length) throw new PdfSyntaxError('byte range does not fit');
  out.write(range, br, 'latin1');
  const der = await buildCms([out.subarray(0, a), out.subarray(b)], signer, { ...cms, signingTime });
  const hex = der.toString('hex');
  if (hex.length > CONTENTS_BYTES * 2) throw new SignatureTooLargeError(`CMS of ${der.length} bytes does not fit in ${CONTENTS_BYTES}`);
  out.write(hex, a + 1, 'latin1');
  return out;
}
