import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { NetworkDevice, PairingCode } from '../../../shared/channels/network';
import { PAIRING_CODE_MINUTES } from '../../../shared/channels/network';
import type { Clock } from '../host';
import type { AuditActor, AuditLog } from '../audit/log';
import { FREE_ATTEMPTS, throttleRemainingMs } from '../auth/throttle';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';

/** No 0/O, 1/I/L: a code read aloud or typed from a screen is not misread. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;
/** A device's last-seen time is written at most this often, not on every call. */
const LAST_SEEN_EVERY_MS = 60_000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** 'abcd-2345 ' → 'ABCD2345': what was typed, the way it was hashed. */
export const normalizeCode = (code: string): string => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

export interface PairedDevice {
  deviceId: number;
  /** Shown to the client once; the host keeps only its hash. */
  secret: string;
}

interface DeviceRow {
  id: number;
  name: string;
  secret_hash: string;
  paired_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
}

const summary = (row: DeviceRow): NetworkDevice => ({
  id: row.id,
  name: row.name,
  pairedAt: new Date(row.paired_at).toISOString(),
  lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at).toISOString(),
  revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
});

/** Device credentials travel as `<id>.<secret>` in one header. */
export const deviceCredential = (device: PairedDevice): string => `${device.deviceId}.${device.secret}`;

/**
 * Pairing codes and paired devices: one-time codes (10 minutes, single use, throttled after three
 * wrong tries), per-device secrets, last seen, revocation. Only hashes are stored.
 */
export class DeviceRegistry {
  /** Wrong codes in a row on this host (any client): the throttle is clinic-wide, not per address. */
  private failures = 0;
  private lastFailedAt: number | null = null;
  /** Prepared once: every call from a client PC is authenticated (a fresh prepare cost ~50 µs each). */
  private readonly deviceById;
  private readonly touchDevice;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {
    this.deviceById = sqlite.prepare<[number], DeviceRow>('SELECT * FROM network_devices WHERE id = ?');
    this.touchDevice = sqlite.prepare<[number, number]>(
      'UPDATE network_devices SET last_seen_at = ? WHERE id = ?',
    );
  }

  createCode(actor: AuditActor): PairingCode {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    const now = this.clock.now().getTime();
    const expiresAt = now + PAIRING_CODE_MINUTES * 60_000;
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare('INSERT INTO network_pairing_codes (code_hash, created_at, expires_at) VALUES (?, ?, ?)')
        .run(sha256(code), now, expiresAt);
      this.audit.record(actor, {
        action: 'pairing-code',
        entity: 'network',
        summary: 'Pairing code created for another PC',
      });
    })();
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Redeems a code for a new device; a wrong, used or expired code counts towards the throttle. */
  pair(code: string, deviceName: string): PairedDevice {
    const now = this.clock.now().getTime();
    const wait = throttleRemainingMs(this.failures, this.lastFailedAt, now);
    if (wait > 0) {
      throw new UserError(
        'too_many_attempts',
        `Too many wrong pairing codes. Try again in ${Math.ceil(wait / 1000)} seconds, or create a new code on the host.`,
      );
    }
    const name = deviceName.trim().slice(0, 80) || 'Unnamed PC';
    const secret = randomBytes(32).toString('base64url');
    const paired = this.sqlite.transaction((): PairedDevice | null => {
      const row = this.sqlite
        .prepare<[string, number], { id: number }>(
          `SELECT id FROM network_pairing_codes
            WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1`,
        )
        .get(sha256(normalizeCode(code)), now);
      if (!row) return null;
      const device = this.sqlite
        .prepare('INSERT INTO network_devices (name, secret_hash, paired_at) VALUES (?, ?, ?)')
        .run(name, sha256(secret), now);
      const deviceId = Number(device.lastInsertRowid);
      this.sqlite
        .prepare('UPDATE network_pairing_codes SET used_at = ?, device_id = ? WHERE id = ?')
        .run(now, deviceId, row.id);
      this.audit.record(
        { userId: null, username: 'system' },
        { action: 'device-paired', entity: 'network', entityId: deviceId, summary: `PC "${name}" paired` },
      );
      return { deviceId, secret };
    })();
    if (!paired) {
      this.failures += 1;
      this.lastFailedAt = now;
      throw new UserError(
        this.failures >= FREE_ATTEMPTS ? 'too_many_attempts' : 'invalid_credentials',
        'That pairing code is not valid: it may be mistyped, already used or older than 10 minutes. Create a new one on the host.',
      );
    }
    this.failures = 0;
    this.lastFailedAt = null;
    return paired;
  }

  /** The device a `<id>.<secret>` credential belongs to, or null (unknown, wrong or revoked). */
  authenticate(credential: string | undefined): NetworkDevice | null {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{20,100})$/.exec(credential ?? '');
    if (!match) return null;
    const row = this.deviceById.get(Number(match[1]));
    if (!row || row.revoked_at !== null) return null;
    const offered = Buffer.from(sha256(match[2] ?? ''), 'hex');
    if (!timingSafeEqual(offered, Buffer.from(row.secret_hash, 'hex'))) return null;
    const now = this.clock.now().getTime();
    if (row.last_seen_at === null || now - row.last_seen_at >= LAST_SEEN_EVERY_MS) {
      this.touchDevice.run(now, row.id);
      row.last_seen_at = now;
    }
    return summary(row);
  }

  list(): NetworkDevice[] {
    return this.sqlite
      .prepare<[], DeviceRow>('SELECT * FROM network_devices ORDER BY revoked_at IS NOT NULL, name, id')
      .all()
      .map(summary);
  }

  revoke(id: number, actor: AuditActor): NetworkDevice {
    return this.sqlite.transaction(() => {
      const row = this.sqlite
        .prepare<[number], DeviceRow>('SELECT * FROM network_devices WHERE id = ?')
        .get(id);
      if (!row) throw new UserError('not_found', 'That PC is not paired with this host.');
      if (row.revoked_at === null) {
        row.revoked_at = this.clock.now().getTime();
        this.sqlite.prepare('UPDATE network_devices SET revoked_at = ? WHERE id = ?').run(row.revoked_at, id);
        this.audit.record(actor, {
          action: 'device-revoked',
          entity: 'network',
          entityId: id,
          summary: `PC "${row.name}" may no longer connect`,
        });
      }
      return summary(row);
    })();
  }
}
