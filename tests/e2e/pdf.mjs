// Reading PDFs made by Chromium's page.pdf(): page count, page size and text,
// with Debian's poppler-utils (pdfinfo, pdftotext; installed by setup.sh --test).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/** Prints the page to `path` at `format` ('A4' or 'Letter') and reads it back. */
export async function printed(page, path, format) {
  const pdf = await page.pdf({ path, format, printBackground: true, preferCSSPageSize: false });
  writeFileSync(path, pdf);
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)?.[1]);
  const [, w, h] = info.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m) ?? [];
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return { pages, width: Number(w), height: Number(h), text };
}

/** Page sizes in PDF points. */
export const PAPER = { A4: [595, 842], Letter: [612, 792] };

/**
 * Text without whitespace or hyphens, so that lines wrapped in print still
 * match (pdftotext joins "line-" + "shaped" at a line break as "lineshaped").
 */
export const squash = (s) => s.replace(/[\s\-\u00ad]+/g, '');

/**
 * Width in CSS pixels of the printable area of `format` with the page
 * margins given in mm (left + right), for checking that nothing is cut.
 */
export const printableWidth = (format, marginsMm) => ((format === 'A4' ? 210 : 215.9) - marginsMm) * 96 / 25.4;
