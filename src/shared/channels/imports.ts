import { z } from 'zod';
import { IMPORT_FIELDS, type ImportInspection, type ImportSummary } from '../dto/imports';
import { define } from './define';

/** 512 KB of file per call, base64: well under the preview's 1 MB request limit. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;

const uploadId = z.string().regex(/^[a-f0-9]{32}$/, 'Choose the file again.');

export const importMappingInput = z.partialRecord(
  z.enum(IMPORT_FIELDS),
  z.string().trim().min(1).max(200, 'A column heading is at most 200 characters.'),
);

export const importRunInput = z.strictObject({
  uploadId,
  mapping: importMappingInput,
  dateOrder: z.enum(['DMY', 'MDY']).nullable().default(null),
});

export const importChannels = {
  'imports/stage': define<{ uploadId: string; bytes: number }>()({
    input: z.strictObject({
      uploadId: uploadId.optional(),
      chunk: z
        .base64('The file did not arrive intact. Choose it again.')
        .max(Math.ceil(IMPORT_CHUNK_BYTES / 3) * 4),
    }),
    access: ['admin'],
    summary: 'Send the next piece of a CSV file to import (a new upload when no id is given).',
    mutates: false,
  }),
  'imports/inspect': define<ImportInspection>()({
    input: z.strictObject({ uploadId }),
    access: ['admin'],
    summary: 'Headers, encoding, delimiter, a few rows and the guessed (or remembered) column mapping.',
    mutates: false,
  }),
  'imports/dryRun': define<ImportSummary>()({
    input: importRunInput,
    access: ['admin'],
    summary: 'How many rows would be added, look already registered, or are invalid (with a CSV of them).',
    mutates: false,
  }),
  'imports/run': define<ImportSummary>()({
    input: importRunInput,
    access: ['admin'],
    summary: 'Import the patients in one transaction; importing the same file again adds nothing.',
    mutates: true,
  }),
} as const;
