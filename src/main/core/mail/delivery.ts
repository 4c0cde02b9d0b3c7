import { join } from 'node:path';
import type { MailDelivery, SmtpSecurity } from '../../../shared/dto/jobs';
import type { SmtpSettings } from './settings';

/** Where the relay sends: an SMTP server, or .eml files in a folder when none is configured. */
export type DeliveryTarget =
  | {
      mode: 'smtp';
      host: string;
      port: number;
      security: SmtpSecurity;
      username: string;
      /** The plain password from CLINIC_DESK_SMTP_URL; settings keep only `passwordCipher`. */
      password: string;
      /** The stored password's ciphertext, decrypted by the relay only when it sends. */
      passwordCipher: string | null;
      from: string;
      source: 'settings' | 'environment';
    }
  | { mode: 'folder'; folder: string; from: string };

export const SMTP_URL_ENV = 'CLINIC_DESK_SMTP_URL';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK.has(h) || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** A sentence when the settings would send mail unencrypted to another machine; null when fine. */
export function insecureReason(host: string, security: SmtpSecurity): string | null {
  if (security !== 'none' || host === '' || isLoopbackHost(host)) return null;
  return 'Mail to another computer must be encrypted: choose STARTTLS or TLS (only a server on this computer may be used without).';
}

export function outboxFolder(dataDir: string): string {
  return join(dataDir, 'outbox');
}

export class SmtpUrlError extends Error {}

/** `smtp://[user:pass@]host:port` (or smtps://); a loopback host may go without TLS. */
export function parseSmtpUrl(raw: string): Omit<Extract<DeliveryTarget, { mode: 'smtp' }>, 'from'> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SmtpUrlError(`${SMTP_URL_ENV} is not an address of the form smtp://user:password@host:port.`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new SmtpUrlError(`${SMTP_URL_ENV} must start with smtp:// or smtps://.`);
  }
  const host = url.hostname;
  const secure = url.protocol === 'smtps:';
  return {
    mode: 'smtp',
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    security: secure ? 'tls' : isLoopbackHost(host) ? 'none' : 'starttls',
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    passwordCipher: null,
    source: 'environment',
  };
}

export interface DeliveryInputs {
  env: NodeJS.ProcessEnv;
  smtp: SmtpSettings;
  dataDir: string;
  clinicName: string;
}

const fallbackFrom = 'clinic-desk@localhost';

/** The environment wins (CLI, tests, preview), then the settings, then the .eml folder. */
export function resolveDelivery(inputs: DeliveryInputs): DeliveryTarget {
  const from = inputs.smtp.fromAddress || fallbackFrom;
  const url = inputs.env[SMTP_URL_ENV]?.trim();
  if (url) return { ...parseSmtpUrl(url), from };
  const { smtp } = inputs;
  if (smtp.host) {
    return {
      mode: 'smtp',
      host: smtp.host,
      port: smtp.port,
      security: insecureReason(smtp.host, smtp.security) ? 'starttls' : smtp.security,
      username: smtp.username,
      password: '',
      passwordCipher: smtp.passwordCipher,
      from,
      source: 'settings',
    };
  }
  return { mode: 'folder', folder: outboxFolder(inputs.dataDir), from };
}

export function describeDelivery(
  target: DeliveryTarget,
  passwordProblem: string | null = null,
): MailDelivery {
  return target.mode === 'smtp'
    ? {
        mode: 'smtp',
        server: `${target.host}:${target.port}`,
        source: target.source,
        ...(passwordProblem ? { passwordProblem } : {}),
      }
    : { mode: 'folder', folder: target.folder };
}
