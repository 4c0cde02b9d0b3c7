import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  Radio,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { IMPORT_CHUNK_BYTES } from '../../../../shared/channels/imports';
import {
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  type DateOrder,
  type ImportField,
  type ImportInspection,
  type ImportMapping,
  type ImportSummary,
} from '../../../../shared/dto/imports';
import { call, errorMessage } from '../../lib/api';
import { refetchAfterWrite } from '../../lib/dataChanged';
import { transport } from '../../lib/transport';

/** The file as base64, a piece at a time (the preview takes at most 1 MB per request). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function stage(file: File, onProgress: (fraction: number) => void): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length || uploadId === undefined; offset += IMPORT_CHUNK_BYTES) {
    const chunk = toBase64(bytes.subarray(offset, offset + IMPORT_CHUNK_BYTES));
    uploadId = (await call('imports/stage', uploadId ? { uploadId, chunk } : { chunk })).uploadId;
    onProgress(Math.min(1, (offset + IMPORT_CHUNK_BYTES) / Math.max(1, bytes.length)));
  }
  return uploadId;
}

function download(csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'patients-not-imported.csv';
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Administrator › Patients › Import from CSV: choose the file, check the guessed columns and the
 * date order, see the dry run (with the rows that would not be added), then import.
 */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Import patients from CSV" size="xl">
      {opened ? <ImportSteps onClose={onClose} /> : null}
    </Modal>
  );
}

function ImportSteps({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [dateOrder, setDateOrder] = useState<DateOrder | null>(null);
  const [dry, setDry] = useState<ImportSummary | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      transport().onEvent((event, payload) => {
        if (event !== 'imports/progress') return;
        setProgress((payload as { fraction: number }).fraction);
      }),
    [],
  );

  const step = async <T,>(label: string, work: () => Promise<T>): Promise<T | null> => {
    setBusy(label);
    setProgress(0);
    setError(null);
    try {
      return await work();
    } catch (failure) {
      setError(errorMessage(failure));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const read = async () => {
    if (!file) return;
    setDry(null);
    const found = await step('Reading the file', async () => {
      const uploadId = await stage(file, setProgress);
      return call('imports/inspect', { uploadId });
    });
    if (found) {
      setInspection(found);
      setMapping(found.mapping);
      setDateOrder(found.dateOrder);
    }
  };

  const request = () => ({ uploadId: inspection?.uploadId ?? '', mapping, dateOrder });
  const columns = inspection?.headers.map((h) => ({ value: h, label: h })) ?? [];

  if (done) {
    return (
      <Stack>
        <Alert color="teal" title="Import finished" role="status">
          {done.added} patients added, {done.existing} already registered, {done.invalid} invalid.
        </Alert>
        {done.rejectedCsv ? (
          <Button variant="light" onClick={() => download(done.rejectedCsv)}>
            Download the rows not imported
          </Button>
        ) : null}
        <Button onClick={onClose}>Close</Button>
      </Stack>
    );
  }

  return (
    <Stack>
      {error ? (
        <Alert color="red" role="alert" title="Not imported">
          {error}
        </Alert>
      ) : null}
      <Group align="flex-end">
        <FileInput
          label="CSV file"
          description="Save the spreadsheet as CSV (any encoding or separator)."
          accept=".csv,.txt,text/csv"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setInspection(null);
            setDry(null);
          }}
          style={{ flex: 1 }}
        />
        <Button onClick={() => void read()} disabled={!file || busy !== null}>
          Read file
        </Button>
      </Group>
      {busy ? (
        <Stack gap={4}>
          <Text size="sm">{busy}…</Text>
          <Progress value={progress * 100} aria-label={busy} />
        </Stack>
      ) : null}
      {inspection ? (
        <>
          <Text size="sm" c="dimmed">
            {inspection.encoding}, separated by{' '}
            {inspection.delimiter === '\t' ? 'tabs' : `"${inspection.delimiter}"`}.{' '}
            {inspection.mappingRemembered
              ? 'Columns as in the last import.'
              : 'Columns guessed from the headings.'}
          </Text>
          <Table aria-label="Columns">
            <Table.Tbody>
              {IMPORT_FIELDS.map((field: ImportField) => (
                <Table.Tr key={field}>
                  <Table.Td>{IMPORT_FIELD_LABELS[field]}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={IMPORT_FIELD_LABELS[field]}
                      placeholder="Not in the file"
                      clearable
                      data={columns}
                      value={mapping[field] ?? null}
                      onChange={(column) => {
                        const next = { ...mapping };
                        if (column) next[field] = column;
                        else delete next[field];
                        setMapping(next);
                        setDry(null);
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Radio.Group
            label="How does this clinic write dates like 04/05/1980?"
            value={dateOrder ?? ''}
            onChange={(value) => {
              setDateOrder(value as DateOrder);
              setDry(null);
            }}
          >
            <Group mt="xs">
              <Radio value="DMY" label="Day first (4 May 1980)" />
              <Radio value="MDY" label="Month first (April 5, 1980)" />
            </Group>
          </Radio.Group>
          <Group>
            <Button
              variant="light"
              disabled={busy !== null}
              onClick={() =>
                void step('Checking every row', () => call('imports/dryRun', request())).then(setDry)
              }
            >
              Dry run
            </Button>
          </Group>
        </>
      ) : null}
      {dry ? (
        <Stack gap="xs" aria-label="Dry run">
          <Text>
            <strong>{dry.added}</strong> will be added, <strong>{dry.existing}</strong> look like patients
            already registered, <strong>{dry.invalid}</strong> are invalid ({dry.rows} rows).
          </Text>
          {Object.entries(dry.reasons).map(([reason, count]) => (
            <Text key={reason} size="sm">
              {count} × {reason}
            </Text>
          ))}
          <Group>
            {dry.rejectedCsv ? (
              <Button variant="subtle" onClick={() => download(dry.rejectedCsv)}>
                Download the rows not added (CSV with reasons)
              </Button>
            ) : null}
            <Button
              disabled={busy !== null || dry.added === 0}
              onClick={() =>
                void step('Importing', () => call('imports/run', request())).then((summary) => {
                  if (summary) {
                    setDone(summary);
                    void refetchAfterWrite(queryClient, 'imports/run');
                  }
                })
              }
            >
              Import {dry.added} patients
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
