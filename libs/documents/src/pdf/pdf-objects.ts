/**
 * A small reader and writer for the PDF object syntax (ISO 32000-1, 7.3), enough to add signatures by incremental
 * update to the files this system writes (pdfkit: classic cross-reference tables, no object streams) and to read any
 * signature dictionary for verification. Text is handled as latin1 so every byte maps to one character.
 */
export type PdfValue = PdfNum | PdfName | PdfRef | PdfStr | PdfHex | PdfKw | PdfValue[] | PdfDict;
export interface PdfNum {
  t: 'num';
  v: number;
}
export interface PdfName {
  t: 'name';
  v: string;
}
export interface PdfRef {
  t: 'ref';
  n: number;
  g: number;
}
/** A literal string, kept as written (with its parentheses) so writing it back changes nothing. */
export interface PdfStr {
  t: 'str';
  raw: string;
}
export interface PdfHex {
  t: 'hex';
  raw: string;
}
export interface PdfKw {
  t: 'kw';
  v: 'true' | 'false' | 'null';
}
export interface PdfDict {
  t: 'dict';
  m: Map<string, PdfValue>;
}

export class PdfSyntaxError extends Error {}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

export const name = (v: string): PdfName => ({ t: 'name', v });
export const num = (v: number): PdfNum => ({ t: 'num', v });
export const ref = (n: number, g = 0): PdfRef => ({ t: 'ref', n, g });
export const dict = (entries: [string, PdfValue][]): PdfDict => ({ t: 'dict', m: new Map(entries) });
export const isDict = (v: PdfValue | undefined): v is PdfDict => !!v && !Array.isArray(v) && v.t === 'dict';
export const isRef = (v: PdfValue | undefined): v is PdfRef => !!v && !Array.isArray(v) && v.t === 'ref';

/** `(text)` with PDF escapes; non-Latin text as UTF-16BE with BOM (ISO 32000-1, 7.9.2.2). */
export function textString(s: string): PdfStr | PdfHex {
  if (/^[\x20-\x7e]*$/.test(s)) return { t: 'str', raw: `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})` };
  const u = Buffer.from(s, 'utf16le');
  u.swap16();
  return { t: 'hex', raw: `<FEFF${u.toString('hex').toUpperCase()}>` };
}

export class PdfLexer {
  pos: number;
  constructor(
    readonly s: string,
    pos = 0,
  ) {
    this.pos = pos;
  }

  skipWs(): void {
    for (;;) {
      while (this.pos < this.s.length && WS.has(this.s.charCodeAt(this.pos))) this.pos++;
      if (this.s[this.pos] === '%') {
        while (this.pos < this.s.length && this.s[this.pos] !== '\n' && this.s[this.pos] !== '\r') this.pos++;
        continue;
      }
      return;
    }
  }

  private regular(): string {
    const start = this.pos;
    while (this.pos < this.s.length && !WS.has(this.s.charCodeAt(this.pos)) && !DELIM.has(this.s.charCodeAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  /** Reads one value; `n g R` becomes a reference. */
  value(): PdfValue {
    this.skipWs();
    const c = this.s[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of file');
    if (c === '/') {
      this.pos++;
      return { t: 'name', v: this.regular() };
    }
    if (c === '[') {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (this.s[this.pos] === ']') {
          this.pos++;
          return arr;
        }
        arr.push(this.value());
      }
    }
    if (c === '<' && this.s[this.pos + 1] === '<') {
      this.pos += 2;
      const m = new Map<string, PdfValue>();
      for (;;) {
        this.skipWs();
        if (this.s[this.pos] === '>' && this.s[this.pos + 1] === '>') {
          this.pos += 2;
          return { t: 'dict', m };
        }
        const k = this.value();
        if (Array.isArray(k) || k.t !== 'name') throw new PdfSyntaxError(`dictionary key expected at ${this.pos}`);
        m.set(k.v, this.value());
      }
    }
    if (c === '<') {
      const end = this.s.indexOf('>', this.pos);
      if (end < 0) throw new PdfSyntaxError('unterminated hex string');
      const raw = this.s.slice(this.pos, end + 1);
      this.pos = end + 1;
      return { t: 'hex', raw };
    }
    if (c === '(') {
      const start = this.pos;
      let depth = 0;
      for (; this.pos < this.s.length; this.pos++) {
        const ch = this.s[this.pos];
        if (ch === '\\') this.pos++;
        else if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) {
          this.pos++;
          return { t: 'str', raw: this.s.slice(start, this.pos) };
        }
      }
      throw new PdfSyntaxError('unterminated string');
    }
    const word = this.regular();
    if (word === 'true' || word === 'false' || word === 'null') return { t: 'kw', v: word };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      // an integer followed by `g R` is a reference
      if (/^\d+$/.test(word)) {
        const save = this.pos;
        this.skipWs();
        const g = this.regular();
        this.skipWs();
        if (/^\d+$/.test(g) && this.s[this.pos] === 'R') {
          this.pos++;
          return { t: 'ref', n: Number(word), g: Number(g) };
        }
        this.pos = save;
      }
      return { t: 'num', v: Number(word) };
    }
    throw new PdfSyntaxError(`unexpected token "${word || c}" at ${this.pos}`);
  }

  keyword(): string {
    this.skipWs();
    return this.regular();
  }
}

export function serialize(v: PdfValue): string {
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  switch (v.t) {
    case 'num':
      return Number.isInteger(v.v) ? String(v.v) : String(Number(v.v.toFixed(4)));
    case 'name':
      return `/${v.v}`;
    case 'ref':
      return `${v.n} ${v.g} R`;
    case 'str':
    case 'hex':
      return v.raw;
    case 'kw':
      return v.v;
    case 'dict':
      return `<<${[...v.m].map(([k, x]) => `/${k} ${serialize(x)}`).join(' ')}>>`;
  }
}

export interface PdfObject {
  num: number;
  gen: number;
  value: PdfValue;
  /** The raw stream bytes (still encoded), when the object is a stream. */
  stream?: Buffer;
}

/** A parsed file: its newest cross-reference view, trailer and raw bytes. */
export class PdfFile {
  readonly text: string;
  readonly offsets = new Map<number, { offset: number; gen: number }>();
  trailer: PdfDict = dict([]);
  /** Byte offset of the newest cross-reference section (for /Prev of the next update). */
  startxref = 0;

  /** A file whose cross-reference cannot be read still yields its bytes (signatures are then found by scanning). */
  static lenient(bytes: Buffer): PdfFile {
    try {
      return new PdfFile(bytes);
    } catch {
      return new PdfFile(bytes, true);
    }
  }

  constructor(
    readonly bytes: Buffer,
    broken = false,
  ) {
    this.text = bytes.toString('latin1');
    if (broken) return;
    const at = this.text.lastIndexOf('startxref');
    if (at < 0) throw new PdfSyntaxError('no startxref');
    this.startxref = Number(/startxref\s+(\d+)/.exec(this.text.slice(at))?.[1] ?? NaN);
    if (!Number.isFinite(this.startxref)) throw new PdfSyntaxError('bad startxref');
    let xref: number | null = this.startxref;
    const seen = new Set<number>();
    let first = true;
    while (xref !== null && !seen.has(xref)) {
      seen.add(xref);
      const trailer = this.readXrefSection(xref);
      if (first) this.trailer = trailer;
      first = false;
      const prev = trailer.m.get('Prev');
      xref = prev && !Array.isArray(prev) && prev.t === 'num' ? prev.v : null;
    }
  }

  /** Classic `xref` table; entries already known from a newer section win. */
  private readXrefSection(offset: number): PdfDict {
    const lx = new PdfLexer(this.text, offset);
    if (lx.keyword() !== 'xref') throw new PdfSyntaxError('only cross-reference tables are supported (no xref streams)');
    for (;;) {
      lx.skipWs();
      const m = /^(\d+)\s+(\d+)/.exec(this.text.slice(lx.pos, lx.pos + 40));
      if (!m) break;
      const start = Number(m[1]);
      const count = Number(m[2]);
      lx.pos += m[0].length;
      lx.skipWs();
      for (let i = 0; i < count; i++) {
        const e = /^(\d{10}) (\d{5}) ([nf])/.exec(this.text.slice(lx.pos, lx.pos + 20));
        if (!e) throw new PdfSyntaxError('bad xref entry');
        if (e[3] === 'n' && !this.offsets.has(start + i)) this.offsets.set(start + i, { offset: Number(e[1]), gen: Number(e[2]) });
        lx.pos += 20;
      }
    }
    if (lx.keyword() !== 'trailer') throw new PdfSyntaxError('trailer expected');
    const t = lx.value();
    if (!isDict(t)) throw new PdfSyntaxError('trailer is not a dictionary');
    return t;
  }

  get size(): number {
    const s = this.trailer.m.get('Size');
    return s && !Array.isArray(s) && s.t === 'num' ? s.v : 0;
  }

  object(n: number): PdfObject {
    const o = this.offsets.get(n);
    if (!o) throw new PdfSyntaxError(`object ${n} not found`);
    const lx = new PdfLexer(this.text, o.offset);
    const num = Number(lx.keyword());
    const gen = Number(lx.keyword());
    if (num !== n || lx.keyword() !== 'obj') throw new PdfSyntaxError(`object ${n} is not where the cross-reference says`);
    const value = lx.value();
    const after = lx.pos;
    lx.skipWs();
    if (this.text.startsWith('stream', lx.pos) && isDict(value)) {
      let p = lx.pos + 6;
      if (this.text[p] === '\r') p++;
      if (this.text[p] === '\n') p++;
      const len = this.resolve(value.m.get('Length'));
      if (Array.isArray(len) || len?.t !== 'num') throw new PdfSyntaxError('stream without a length');
      return { num, gen, value, stream: this.bytes.subarray(p, p + len.v) };
    }
    void after;
    return { num, gen, value };
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    let cur = v;
    for (let i = 0; i < 16 && isRef(cur); i++) cur = this.object(cur.n).value;
    return cur;
  }

  dictOf(v: PdfValue | undefined): PdfDict {
    const d = this.resolve(v);
    if (!isDict(d)) throw new PdfSyntaxError('dictionary expected');
    return d;
  }

  get rootRef(): PdfRef {
    const r = this.trailer.m.get('Root');
    if (!isRef(r)) throw new PdfSyntaxError('trailer has no /Root');
    return r;
  }

  /** Page references in document order. */
  pages(): PdfRef[] {
    const out: PdfRef[] = [];
    const walk = (r: PdfValue | undefined, depth: number): void => {
      if (!isRef(r) || depth > 32) return;
      const d = this.dictOf(r);
      const type = d.m.get('Type');
      if (type && !Array.isArray(type) && type.t === 'name' && type.v === 'Page') {
        out.push(r);
        return;
      }
      const kids = this.resolve(d.m.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
    };
    walk(this.dictOf(this.rootRef).m.get('Pages'), 0);
    return out;
  }
}

/** Builds one incremental update section (ISO 32000-1, 7.5.6): new and changed objects, an xref table, the trailer. */
export class IncrementalUpdate {
  private readonly parts: Buffer[] = [];
  private readonly entries: { num: number; offset: number }[] = [];
  private length: number;
  private nextNum: number;

  constructor(private readonly base: PdfFile) {
    this.length = base.bytes.length;
    this.nextNum = base.size;
    const nl = base.bytes[base.bytes.length - 1] === 0x0a ? '' : '\n';
    if (nl) this.push(Buffer.from(nl, 'latin1'));
  }

  allocate(): PdfRef {
    return ref(this.nextNum++);
  }

  private push(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }

  write(r: PdfRef, value: PdfValue, stream?: Buffer): void {
    this.entries.push({ num: r.n, offset: this.length });
    if (stream && isDict(value)) {
      value.m.set('Length', num(stream.length));
      this.push(Buffer.from(`${r.n} ${r.g} obj\n${serialize(value)}\nstream\n`, 'latin1'));
      this.push(stream);
      this.push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    } else {
      this.push(Buffer.from(`${r.n} ${r.g} obj\n${serialize(value)}\nendobj\n`, 'latin1'));
    }
  }

  /** An object written as given (the signature dictionary, whose placeholders are patched in place later). */
  writeRaw(r: PdfRef, raw: string): void {
    this.entries.push({ num: r.n, offset: this.length });
    this.push(Buffer.from(`${r.n} ${r.g} obj\n${raw}\nendobj\n`, 'latin1'));
  }

  /** The whole file: the base bytes untouched, then this section. */
  finish(): Buffer {
    const sorted = [...this.entries].sort((a, b) => a.num - b.num);
    let xref = 'xref\n0 1\n0000000000 65535 f \n';
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1].num === sorted[j].num + 1) j++;
      xref += `${sorted[i].num} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) xref += `${String(sorted[k].offset).padStart(10, '0')} 00000 n \n`;
      i = j + 1;
    }
    const trailer = dict([
      ['Size', num(this.nextNum)],
      ['Root', this.base.rootRef],
      ['Prev', num(this.base.startxref)],
    ]);
    for (const k of ['Info', 'ID']) {
      const v = this.base.trailer.m.get(k);
      if (v) trailer.m.set(k, v);
    }
    const xrefAt = this.length;
    this.push(Buffer.from(`${xref}trailer\n${serialize(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
    return Buffer.concat([this.base.bytes, ...this.parts]);
  }
}
