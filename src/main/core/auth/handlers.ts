import type { DemoLogin } from '../../../shared/dto';
import { UserError } from '../errors';
import type { DomainHandlers } from '../handler';
import { decoyHash, hashPassword, verifyPassword } from './password';
import { sessionOf, userQueries } from './users';

type AuthChannels = 'auth/setupStatus' | 'auth/setup' | 'auth/login' | 'auth/logout' | 'auth/session';

export const authHandlers: DomainHandlers<AuthChannels> = (services) => {
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

    'auth/login': async (input, ctx) => {
      const user = users.byUsername(input.username);
      if (!user) {
        decoy ??= decoyHash(passwordCost);
        await verifyPassword(input.password, await decoy);
        throw new UserError('invalid_credentials', 'The username or password is not correct.');
      }
      const good = await verifyPassword(input.password, user.password_hash);
      if (!good) {
        loginFailed.run(clock.now().getTime(), user.id);
        logger.log('info', 'sign-in refused', { userId: user.id });
        throw new UserError('invalid_credentials', 'The username or password is not correct.');
      }
      if (!user.active) {
        throw new UserError('forbidden', 'This account has been deactivated. Ask the administrator.');
      }
      loginSucceeded.run(clock.now().getTime(), user.id);
      const session = sessionOf(user);
      ctx.setSession(session);
      logger.log('info', 'signed in', { userId: user.id, role: user.role });
      return session;
    },

    'auth/logout': (_input, ctx) => {
      ctx.setSession(null);
      return null;
    },

    'auth/session': (_input, ctx) => ctx.session,
  };
};
