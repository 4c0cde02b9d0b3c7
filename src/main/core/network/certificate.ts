import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/** The host's TLS identity: generated once, kept in the data folder, pinned by every client. */
export interface HostCertificate {
  key: string;
  cert: string;
  /** SHA-256 fingerprint as OpenSSL prints it: AA:BB:…. */
  fingerprint: string;
}

export const networkDir = (dataDir: string): string => join(dataDir, 'network');
const keyPath = (dataDir: string) => join(networkDir(dataDir), 'host-key.pem');
const certPath = (dataDir: string) => join(networkDir(dataDir), 'host-cert.pem');

export const fingerprintOf = (certPem: string): string => new X509Certificate(certPem).fingerprint256;

/** The stored certificate's fingerprint, or null before hosting was first turned on. */
export function storedFingerprint(dataDir: string): string | null {
  if (!existsSync(certPath(dataDir))) return null;
  return fingerprintOf(readFileSync(certPath(dataDir), 'utf8'));
}

/**
 * Reads the host certificate, generating it on first use with `selfsigned` (a maintained
 * generator over node-forge/WebCrypto) rather than hand-written ASN.1. The key file is 0600: only
 * the account running Clinic Desk may read it. Valid for 20 years: clients pin it, so renewing it
 * would mean pairing every PC again.
 */
export async function hostCertificate(dataDir: string, now: Date): Promise<HostCertificate> {
  if (existsSync(keyPath(dataDir)) && existsSync(certPath(dataDir))) {
    const cert = readFileSync(certPath(dataDir), 'utf8');
    return { key: readFileSync(keyPath(dataDir), 'utf8'), cert, fingerprint: fingerprintOf(cert) };
  }
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 20);
  const pems = await generate([{ name: 'commonName', value: 'Clinic Desk host' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 60 * 60 * 1000),
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
    ],
  });
  mkdirSync(networkDir(dataDir), { recursive: true });
  writeFileSync(keyPath(dataDir), pems.private, { mode: 0o600 });
  chmodSync(keyPath(dataDir), 0o600);
  writeFileSync(certPath(dataDir), pems.cert, { mode: 0o644 });
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) };
}
