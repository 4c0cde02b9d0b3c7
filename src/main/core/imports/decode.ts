import { UserError } from '../errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** A file's text and the encoding it was read in. */
export interface DecodedCsv {
  text: string;
  encoding: TextEncodingName;
}

/** Bigger than any clinic's patient list; a file this size is something else. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/**
 * WHATWG's Windows-1252 for bytes 0x80–0x9F (€, ’, “, ”, –, …). Node 20's TextDecoder decodes
 * 'windows-1252' as Latin-1 and leaves these as C1 control characters (nodejs/node#56542), so an
 * O’Brien would arrive as "O\u0092Brien"; the five undefined bytes stay as they are.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const fixCp1252 = (text: string) =>
  text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);

const refuse = (sentence: string): never => {
  throw new UserError('invalid_input', sentence);
};

/** What the first bytes say the file is when it is not text at all. */
function binaryKind(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'an Excel workbook or another zip file';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an old Excel (.xls) workbook';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (starts(0x53, 0x51, 0x4c, 0x69, 0x74, 0x65)) return 'a database file';
  return null;
}

/**
 * Bytes to text in the encoding a spreadsheet wrote: a byte-order mark decides (UTF-8, UTF-16 LE
 * or BE from Excel's "Unicode text"); without one, UTF-8 if the bytes are valid UTF-8, else
 * Windows-1252 (Excel's "CSV" on Western Windows). Node's TextDecoder does the decoding. Anything
 * that is not text (a workbook, NUL bytes) is refused with a sentence.
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  if (bytes.length === 0) refuse('The file is empty.');
  if (bytes.length > MAX_IMPORT_BYTES)
    refuse(
      'The file is larger than 200 MB; a patient list is far smaller. Check that this is the right file.',
    );
  const kind = binaryKind(bytes);
  if (kind)
    refuse(
      `This file is ${kind}, not a CSV file. In the spreadsheet choose "Save as" › "CSV" and import that file.`,
    );
  let encoding: TextEncodingName;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    // UTF-16 without a mark shows as NUL bytes between ASCII letters: refused below with the rest.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
      encoding = 'utf-8';
    } catch {
      encoding = 'windows-1252';
    }
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: encoding !== 'windows-1252' }).decode(body);
  } catch {
    return refuse(
      'The file is not valid text in any encoding a spreadsheet writes (UTF-8, UTF-16 or Windows-1252). Save it again as CSV and import that file.',
    );
  }
  if (encoding === 'windows-1252') text = fixCp1252(text);
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    refuse(
      `The file contains NUL characters (first on line ${line}), so it is not plain CSV text. Save it again as CSV (UTF-8) and import that file.`,
    );
  }
  return { text, encoding };
}
