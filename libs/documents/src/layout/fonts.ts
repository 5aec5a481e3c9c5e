import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** One face of the embedded fonts: its file and the code points it is used for. */
export interface FontFace {
  /** pdfkit registration name, e.g. `tinos-vietnamese-bold`. */
  name: string;
  file: string;
  ranges: [number, number][];
}

// Tinos is metric-compatible with Times New Roman, which Decree 30/2020 Appendix I, Part I, I.4 prescribes (TCVN 6909:2001 Unicode).
const TINOS_SUBSETS = ['latin', 'vietnamese', 'latin-ext'] as const;
const STYLE_FILE: Record<FontStyle, string> = { regular: '400-normal', bold: '700-normal', italic: '400-italic', boldItalic: '700-italic' };
const DEJAVU_FILE: Record<FontStyle, string> = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
};

function parseRanges(spec: string): [number, number][] {
  return spec.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    const lo = parseInt(a, 16);
    return [lo, b ? parseInt(b, 16) : lo];
  });
}

let faces: Record<FontStyle, FontFace[]> | null = null;

/**
 * The fallback chain per style: @fontsource/tinos ships Tinos cut into unicode-range subsets (WOFF, which fontkit reads),
 * so a Vietnamese line mixes the latin and vietnamese subsets; DejaVu Serif only for a character no Tinos subset has.
 */
export function fontFaces(): Record<FontStyle, FontFace[]> {
  if (faces) return faces;
  const dir = require.resolve('@fontsource/tinos/unicode.json').replace(/unicode\.json$/, '');
  const unicode = JSON.parse(readFileSync(`${dir}unicode.json`, 'utf8')) as Record<string, string>;
  const build = (style: FontStyle): FontFace[] => [
    ...TINOS_SUBSETS.map((subset) => ({
      name: `tinos-${subset}-${style}`,
      file: `${dir}files/tinos-${subset}-${STYLE_FILE[style]}.woff`,
      ranges: parseRanges(unicode[subset]),
    })),
    { name: `dejavu-serif-${style}`, file: require.resolve(`dejavu-fonts-ttf/ttf/${DEJAVU_FILE[style]}`), ranges: [[0, 0x10ffff]] },
  ];
  faces = { regular: build('regular'), bold: build('bold'), italic: build('italic'), boldItalic: build('boldItalic') };
  return faces;
}

/** The first face of the chain that covers the code point. */
export function faceFor(style: FontStyle, codePoint: number): FontFace {
  const chain = fontFaces()[style];
  for (const f of chain) if (f.ranges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi)) return f;
  return chain[chain.length - 1];
}

/** Splits text into runs that one face can draw. */
export function fontRuns(text: string, style: FontStyle): { face: FontFace; text: string }[] {
  const out: { face: FontFace; text: string }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x20;
    // spaces (and no-break spaces) join the run before them, so a run boundary never moves a space
    const face = cp === 0x20 || cp === 0xa0 ? (out[out.length - 1]?.face ?? faceFor(style, cp)) : faceFor(style, cp);
    const last = out[out.length - 1];
    if (last && last.face === face) last.text += ch;
    else out.push({ face, text: ch });
  }
  return out;
}
