import { OfficialPdf, officialDefaults, type OfficialHeader, type OfficialPdfResult, type SignatureSlot } from '#documents';

export { officialDefaults };

/** Blocks of an unregistered export: the secretary and the chair sign the printed copy (names written by hand). */
export const EXPORT_SIGNERS: SignatureSlot[] = [
  { key: 'secretary', position: ['THƯ KÝ'], fullName: '' },
  { key: 'chair', position: ['CHỦ TỌA'], fullName: '' },
];

/**
 * The entry points every PDF export of the system uses (minutes, attendance, results, opinion rounds, and the
 * count report and consent records of other libraries). They now draw the Decree 30/2020 layout of OfficialPdf,
 * so callers written for the older writer get the official format without changes.
 */
export class PdfWriter {
  private constructor(readonly official: OfficialPdf) {}

  static async create(title: string): Promise<PdfWriter> {
    return new PdfWriter(await OfficialPdf.create(title));
  }

  /** Issuer and national motto, number and symbol (blank when not registered), place and date (today when not given). */
  nationalHeader(issuer: string, opts: Partial<Omit<OfficialHeader, 'body'>> = {}): this {
    this.official.header({ body: issuer, parentBody: opts.parentBody ?? null, number: opts.number ?? null, place: opts.place ?? officialDefaults().place, date: opts.date ?? new Date() });
    return this;
  }

  title(text: string, subtitle?: string): this {
    this.official.title(text, subtitle);
    return this;
  }

  heading(text: string): this {
    this.official.heading(text);
    return this;
  }

  paragraph(text: string, opts: { bold?: boolean; italic?: boolean; indent?: number; align?: 'left' | 'center' | 'justify' } = {}): this {
    this.official.paragraph(text, opts);
    return this;
  }

  fields(entries: [string, string][]): this {
    this.official.fields(entries);
    return this;
  }

  table(header: string[], rows: string[][], widths: number[]): this {
    // many narrow columns get a smaller size, so dates and names wrap at spaces, not inside a word
    this.official.table(header, rows, widths, header.length >= 6 ? 10 : header.length >= 4 ? 11 : 12);
    return this;
  }

  /** Keeps the next `lines` lines on one page. */
  keepTogether(lines: number): this {
    this.official.keepLines(lines);
    return this;
  }

  space(lines = 0.5): this {
    this.official.space(lines);
    return this;
  }

  /** Signature blocks and recipients (Nơi nhận). */
  closing(signers: SignatureSlot[], recipients: string[] = []): this {
    this.official.closing(signers, recipients);
    return this;
  }

  async finish(): Promise<Buffer> {
    return (await this.official.finish()).pdf;
  }

  /** The file and where its signature blocks are, for documents that will be signed. */
  finishWithSlots(): Promise<OfficialPdfResult> {
    return this.official.finish();
  }
}
