import type { authChannels } from '../../../shared/channels/auth';
import type { DemoLogin } from '../../../shared/dto';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { decoyHash, hashPassword, verifyPassword } from './password';
import { OneCheckAtATime, throttleMessage, throttleRemainingMs, UnknownUsernameFailures } from './throttle';
import { sessionOf, userQueries } from './users';

export const authHandlers: DomainHandlers<typeof authChannels> = (services) => {
  const { sqlite, settings, audit, clock, logger, passwordCost } = services;
  const users = userQueries(sqlite);
  let decoy: Promise<string> | null = null;
  const insertAdmin = sqlite.prepare(
    `INSERT INTO staff_users (username, full_name, role, password_hash) VALUES (?, ?, 'admin', ?)`,
  );
  const loginSucceeded = sqlite.prepare(
    'UPDATE staff_users SET failed_logins = 0, last_login_at = ? WHERE id = ?',
  );
  const loginFailed = sqlite.prepare(
    'UPDATE staff_users SET failed_logins = failed_logins + 1, last_failed_at = ? WHERE id = ?',
  );
  const failuresCleared = sqlite.prepare('UPDATE staff_users SET failed_logins = 0 WHERE id = ?');
  const setPassword = sqlite.prepare(
    `UPDATE staff_users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?`,
  );
  const unknownFailures = new UnknownUsernameFailures();
  const oneAtATime = new OneCheckAtATime();

  return {
    'auth/setupStatus': () => {
      const demoLogins: DemoLogin[] = [];
      if (settings.get('demo')) {
        for (const login of settings.get('demoLogins')) {
          const user = users.byUsername(login.username);
          if (user?.active) {
            demoLogins.push({
              username: user.username,
              password: login.password,
              role: user.role,
              fullName: user.full_name,
            });
          }
        }
      }
      return { needsSetup: users.count() === 0, clinicName: settings.get('clinicName'), demoLogins };
    },

    'auth/setup': async (input, ctx) => {
      const hash = await hashPassword(input.password, passwordCost);
      // Checked inside the transaction: two windows racing through setup create one admin.
      const user = sqlite.transaction(() => {
        if (users.count() > 0) {
          throw new UserError('already_set_up', 'Clinic Desk is already set up. Sign in instead.');
        }
        const id = Number(insertAdmin.run(input.username, input.fullName, hash).lastInsertRowid);
        audit.record(
          { userId: id, username: input.username },
          {
            action: 'create',
            entity: 'staff_user',
            entityId: id,
            summary: 'First administrator created at setup',
          },
        );
        return users.byId(id);
      })();
      if (!user) throw new Error('Administrator vanished right after it was created.');
      const session = sessionOf(user);
      ctx.setSession(session);
      ctx.changed('staff_users');
      return session;
    },

    'auth/login': (input, ctx) =>
      oneAtATime.run(input.username.trim().toLowerCase(), async () => {
        // Inside the per-username queue: the previous attempt's failure is already written.
        const now = clock.now().getTime();
        const user = users.byUsername(input.username);
        const name = input.username.trim().toLowerCase();
        // Refused before the password is even checked, so guessing inside the window costs nothing
        // and proves nothing; the refusal itself is not counted, so the wait never grows by waiting.
        const record = user
          ? { failures: user.failed_logins, lastFailedAt: user.last_failed_at }
          : unknownFailures.get(name);
        const remaining = throttleRemainingMs(record.failures, record.lastFailedAt, now);
        if (remaining > 0) {
          logger.log('info', 'sign-in throttled', { userId: user?.id ?? null, remainingMs: remaining });
          throw new UserError('too_many_attempts', throttleMessage(remaining));
        }
        if (!user) {
          decoy ??= decoyHash(passwordCost);
          await verifyPassword(input.password, await decoy);
          unknownFailures.fail(name, clock.now().getTime());
          throw new UserError('invalid_credentials', 'The username or password is not correct.');
        }
        const good = await verifyPassword(input.password, user.password_hash);
        if (!good) {
          loginFailed.run(clock.now().getTime(), user.id);
          logger.log('info', 'sign-in refused', { userId: user.id, failures: user.failed_logins + 1 });
          throw new UserError('invalid_credentials', 'The username or password is not correct.');
        }
        if (!user.active) {
          throw new UserError('forbidden', 'This account has been deactivated. Ask the administrator.');
        }
        loginSucceeded.run(now, user.id);
        const session = sessionOf(user);
        ctx.setSession(session);
        logger.log('info', 'signed in', { userId: user.id, role: user.role });
        return session;
      }),

    'auth/logout': (input, ctx) => {
      if (ctx.session) logger.log('info', 'signed out', { userId: ctx.session.userId, reason: input.reason });
      ctx.setSession(null, input.reason);
      return null;
    },

    'auth/session': (_input, ctx) => ctx.session,

    'auth/changePassword': async (input, ctx) => {
      const session = requireSession(ctx);
      // Throttled like sign-in, in the same per-username queue and on the same failure count: an
      // unlocked session must not become a way to guess the password at full speed.
      await oneAtATime.run(session.username.trim().toLowerCase(), async () => {
        const user = users.byId(session.userId);
        if (!user) throw new Error('Signed-in account vanished.');
        const remaining = throttleRemainingMs(user.failed_logins, user.last_failed_at, clock.now().getTime());
        if (remaining > 0) {
          logger.log('info', 'password change throttled', { userId: user.id, remainingMs: remaining });
          throw new UserError('too_many_attempts', throttleMessage(remaining));
        }
        if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
          loginFailed.run(clock.now().getTime(), user.id);
          logger.log('info', 'password change refused: wrong current password', { userId: user.id });
          throw new UserError(
            'invalid_credentials',
            'Your current password is not correct. Nothing was changed.',
          );
        }
      });
      const user = users.byId(session.userId);
      if (!user) throw new Error('Signed-in account vanished.');
      const hash = await hashPassword(input.newPassword, passwordCost);
      const now = clock.now().getTime();
      sqlite.transaction(() => {
        setPassword.run(hash, now, now, user.id);
        failuresCleared.run(user.id);
        audit.record(
          { userId: user.id, username: user.username },
          {
            action: 'change_password',
            entity: 'staff_user',
            entityId: user.id,
            summary: 'Changed own password',
          },
        );
      })();
      ctx.changed('staff_users');
      return null;
    },
  };
};
