/**
 * Just enough MIME to read back what nodemailer sends: headers (unfolded, RFC 2047 words decoded),
 * nested multiparts, base64 and quoted-printable bodies. For tests only.
 */
export interface MimePart {
  headers: Map<string, string>;
  contentType: string;
  params: Map<string, string>;
  body: Buffer;
  parts: MimePart[];
}

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQp(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function decodeQp(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function parseParams(value: string): { type: string; params: Map<string, string> } {
  const [type = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    params.set(
      piece.slice(0, eq).trim().toLowerCase(),
      decodeWords(
        piece
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      ),
    );
  }
  return { type: type.trim().toLowerCase(), params };
}

export function parsePart(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const bodyText = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const { type, params } = parseParams(headers.get('content-type') ?? 'text/plain');
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const boundary = params.get('boundary');
  if (type.startsWith('multipart/') && boundary) {
    const pieces = bodyText.split(`--${boundary}`);
    const parts = pieces
      .slice(1)
      .filter((p) => !p.startsWith('--'))
      .map((p) => parsePart(p.replace(/^\r\n/, '').replace(/\r\n$/, '')));
    return { headers, contentType: type, params, body: Buffer.alloc(0), parts };
  }
  const body =
    encoding === 'base64'
      ? Buffer.from(bodyText.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQp(bodyText)
        : Buffer.from(bodyText, 'utf8');
  return { headers, contentType: type, params, body, parts: [] };
}

function leaves(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(leaves) : [part];
}

export function simpleParser(raw: string): ParsedMail {
  const root = parsePart(raw);
  const all = leaves(root);
  const isAttachment = (p: MimePart) => (p.headers.get('content-disposition') ?? '').startsWith('attachment');
  const headers = new Map([...root.headers].map(([k, v]) => [k, decodeWords(v)]));
  return {
    headers,
    subject: headers.get('subject') ?? '',
    text: all.find((p) => p.contentType === 'text/plain' && !isAttachment(p))?.body.toString('utf8') ?? '',
    html: all.find((p) => p.contentType === 'text/html' && !isAttachment(p))?.body.toString('utf8') ?? '',
    attachments: all.filter(isAttachment).map((p) => ({
      filename:
        parseParams(p.headers.get('content-disposition') ?? '').params.get('filename') ??
        p.params.get('name') ??
        '',
      contentType: p.contentType,
      content: p.body,
    })),
  };
}
