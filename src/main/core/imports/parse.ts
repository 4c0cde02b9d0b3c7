import Papa from 'papaparse';
import { UserError } from '../errors';

/** No patient field is longer than 2,000 characters; a much longer cell is not a patient list. */
export const MAX_CELL_CHARS = 20_000;
export const MAX_DATA_ROWS = 1_000_000;

/**
 * A cell a spreadsheet would run as a formula: "=…", "@…", or "+"/"-" followed by a letter or
 * "=" ("+cmd|…"), or any "+"/"-" cell with a pipe or "!" (DDE: "-2+3+cmd|' /C calc'!A0").
 * "+44 20 7946 0000" and "- allergic to penicillin" are data, not formulas.
 */
export const FORMULA_CELL = /^[=@]|^[+-][^\s\d(]|^[+-].*[|!]/;
const FORMULA_START = new Set(['=', '@', '+', '-'].map((c) => c.charCodeAt(0)));

const refuse = (sentence: string): never => {
  throw new UserError('invalid_input', sentence);
};

export interface ParsedCsv {
  delimiter: string;
  headers: string[];
}

/**
 * Streams rows out of the decoded text with papaparse (delimiter detected among , ; tab and |,
 * blank lines skipped), the header row first. Hostile content is refused with a sentence before
 * anything is written: formula cells, oversized cells, too many rows, no rows at all.
 */
export interface ParseHandlers {
  onHeaders?: (headers: string[]) => void;
  onRow: (cells: string[], rowNumber: number) => void;
  onProgress?: ((fraction: number, rows: number) => void) | undefined;
  /** Stop after this many data rows (the mapping step's sample). */
  limit?: number;
}

/**
 * Papaparse hands rows over a chunk at a time (one callback and one result object per chunk, not
 * per row). A row cut by a chunk's end is parsed again with the next chunk, so a row longer than a
 * chunk (an unclosed quote) is re-read once per chunk: at most 16 chunks bound that to 16 passes.
 */
const MIN_CHUNK_CHARS = 1 << 20;
const MAX_CHUNKS = 16;

export function parseCsv(text: string, handlers: ParseHandlers): ParsedCsv {
  const { onRow, onProgress, limit = Infinity } = handlers;
  let headers: string[] | null = null;
  let rowNumber = 0;
  let delimiter = ',';
  let stopped = false;

  /** One row: false once the sample's limit is reached. */
  const take = (cells: string[]): boolean => {
    for (let column = 0; column < cells.length; column += 1) {
      // Trimmed in place: papaparse's row array is this function's to keep.
      const cell = (cells[column] as string).trim();
      cells[column] = cell;
      if (cell.length > MAX_CELL_CHARS) {
        const where = headers ? `Row ${rowNumber + 1}` : 'The header row';
        refuse(
          `${where}, column ${column + 1} holds ${cell.length.toLocaleString('en-GB')} characters; no patient detail is that long. Check that this is the patient list (a cell may be missing its closing quote).`,
        );
      }
      // Every formula starts with = @ + or -: test the pattern only on those (most cells don't).
      if (FORMULA_START.has(cell.charCodeAt(0)) && FORMULA_CELL.test(cell)) {
        const where = headers ? `row ${rowNumber + 1}` : 'the header row';
        const name = headers?.[column] ?? `column ${column + 1}`;
        refuse(
          `The file holds a spreadsheet formula (${where}, "${name}"). Formulas are not imported: replace them with their values in the spreadsheet, save as CSV and import again.`,
        );
      }
    }
    if (!headers) {
      headers = cells.map((h, i) => (h === '' ? `Column ${i + 1}` : h));
      const seen = new Set<string>();
      for (const header of headers) {
        if (seen.has(header))
          refuse(
            `Two columns are both headed "${header}". Give every column its own heading and import again.`,
          );
        seen.add(header);
      }
      handlers.onHeaders?.(headers);
      return true;
    }
    rowNumber += 1;
    if (rowNumber > MAX_DATA_ROWS)
      refuse(
        `The file has more than ${MAX_DATA_ROWS.toLocaleString('en-GB')} rows; split it into smaller files.`,
      );
    onRow(cells, rowNumber);
    return rowNumber < limit;
  };

  Papa.parse<string[]>(text, {
    header: false,
    delimitersToGuess: [',', ';', '\t', '|'],
    skipEmptyLines: 'greedy',
    chunkSize: Math.max(MIN_CHUNK_CHARS, Math.ceil(text.length / MAX_CHUNKS)),
    chunk: (result: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      if (stopped) return;
      delimiter = result.meta.delimiter;
      for (const raw of result.data) {
        if (!take(raw)) {
          stopped = true;
          parser.abort();
          return;
        }
      }
      onProgress?.(result.meta.cursor / text.length, rowNumber);
    },
    // Papaparse's types ask for it with `chunk`; the parse is synchronous, so there is nothing to do.
    complete: () => undefined,
  });
  if (!headers) refuse('The file has no rows: not even a header row naming the columns.');
  if (rowNumber === 0 && limit > 0) refuse('The file has a header row but no patient rows.');
  return { delimiter, headers: headers ?? [] };
}
