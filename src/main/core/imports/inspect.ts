import type { DateOrder, ImportInspection, ImportMapping } from '../../../shared/dto/imports';
import { decodeCsv } from './decode';
import { guessMapping, usableMapping } from './mapping';
import { parseCsv } from './parse';

export const SAMPLE_ROWS = 5;

/** The mapping step: headers, a few rows, and the remembered mapping or a guess. */
export function inspectCsv(
  bytes: Uint8Array,
  remembered: { mapping: ImportMapping | null; dateOrder: DateOrder | null },
): Omit<ImportInspection, 'uploadId'> {
  const { text, encoding } = decodeCsv(bytes);
  const sample: string[][] = [];
  const { headers, delimiter } = parseCsv(text, { onRow: (cells) => sample.push(cells), limit: SAMPLE_ROWS });
  const kept = usableMapping(remembered.mapping, headers);
  return {
    encoding,
    delimiter,
    headers,
    sample,
    mapping: kept ?? guessMapping(headers),
    mappingRemembered: kept !== null,
    dateOrder: remembered.dateOrder,
  };
}
