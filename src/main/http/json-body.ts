import type { IncomingMessage } from 'node:http';

/** The largest request body either server reads (the preview's `/api`, the host's `/call`). */
export const MAX_BODY_BYTES = 1024 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string };

/**
 * A request's JSON body, or why not: over the limit (413; read on up to 16× the limit and then
 * dropped, so a client can still read the answer) or not JSON (400). An empty body is `{}`.
 */
export function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > 16 * MAX_BODY_BYTES) req.destroy();
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        return resolve({ ok: false, status: 413, message: 'The request is too large.' });
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({ ok: true, value: {} });
      try {
        resolve({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        resolve({ ok: false, status: 400, message: 'The request was not valid JSON.' });
      }
    });
    req.on('error', reject);
  });
}
