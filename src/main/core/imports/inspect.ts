import type { DateOrder, ImportInspection, ImportMapping } from '../../../shared/dto/imports';
import type { DecodedCsv } from './decode';
import { guessMapping, usableMapping } from './mapping';
import { parseCsv } from './parse';

export const SAMPLE_ROWS = 5;

export interface RememberedMapping {
  mapping: ImportMapping | null;
  dateOrder: DateOrder | null;
}

/** The mapping step: headers, a few rows, and the remembered mapping or a guess. */
export function inspectCsv(
  { text, encoding }: DecodedCsv,
  remembered: RememberedMapping,
): Omit<ImportInspection, 'uploadId'> {
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
