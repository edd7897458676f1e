/**
 * The PDF font: DejaVu Sans Condensed, regular and bold, from the `dejavu-fonts-ttf` package. It has every
 * letter of the Kazakh alphabet (Ә Ғ Қ Ң Ө Ұ Ү Һ І), Cyrillic, Latin and the tenge sign, and it ships with the
 * application, so a fresh machine prints the same PDF as a developer's. PDFKit embeds only the glyphs used.
 * See docs/adr/0005-exports.md.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export interface PdfFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
}

let loaded: PdfFonts | undefined;

/** Reads the two font files once; later exports reuse them. */
export function pdfFonts(): PdfFonts {
  loaded ??= {
    regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf")),
    bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf")),
  };
  return loaded;
}
