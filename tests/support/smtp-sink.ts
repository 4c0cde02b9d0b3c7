import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser } from './mime';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives. `mode` makes it answer like a
 * server in trouble: 'temporary' (451), 'permanent' (550), or 'ok'.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  mode: 'ok' | 'temporary' | 'permanent' = 'ok';
  private server: SMTPServer;
  port = 0;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  constructor(options: Partial<SMTPServerOptions> = {}) {
    this.server = this.create(options);
  }

  private create(options: Partial<SMTPServerOptions>): SMTPServer {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.mode === 'temporary') {
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          }
          if (this.mode === 'permanent') {
            return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
          }
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          this.waiters = this.waiters.filter((w) => {
            if (this.received.length >= w.count) w.resolve();
            return this.received.length < w.count;
          });
          callback();
        });
      },
      ...options,
    });
    // A client killed mid-conversation (the crash tests do this on purpose) resets its socket;
    // that is the client's crash, not the server's, and must not surface as an unhandled error.
    server.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') this.serverErrors.push(error);
    });
    return server;
  }

  /** Errors the server met other than clients vanishing; tests may assert there were none. */
  readonly serverErrors: Error[] = [];

  async start(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Stops listening (the "SMTP down" case); `restart` brings it back on the same port. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    this.server = this.create({});
    await this.start(this.port);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  parsed() {
    return this.received.map((mail) => ({ ...mail, message: simpleParser(mail.raw) }));
  }
}
