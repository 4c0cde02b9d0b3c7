/**
 * Signing in and out on the sign-in screen as a person at the PC does: "Use <demo user>", Sign in,
 * and Sign out. Shared by the e2e tests and the several-PCs desktop test, whose client window is
 * driven through the Electron stand-in (tests/desktop/support/remote-page.ts).
 */

/** What these steps need of a page: a Playwright Page, or a stand-in window's RemotePage. */
export interface SessionPage {
  getByRole(role: 'button' | 'heading', options: { name: string; exact?: boolean }): SessionLocator;
}

interface SessionLocator {
  click(): Promise<void>;
  waitFor(): Promise<void>;
  isVisible(): Promise<boolean>;
}

export interface SignInOptions {
  /**
   * Sign out first when someone is still signed in (a step that failed half-way leaves its person
   * signed in; the next one starts clean). Otherwise the sign-in screen must already be shown.
   */
  signOutFirst?: boolean;
}

/** Signs in as a demo user from the sign-in screen and waits until the app is open. */
export async function signInAs(
  page: SessionPage,
  username: string,
  options: SignInOptions = {},
): Promise<void> {
  if (options.signOutFirst && (await page.getByRole('button', { name: 'Sign out' }).isVisible())) {
    await signOut(page);
  }
  await page.getByRole('button', { name: `Use ${username}` }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Signs out and waits for the sign-in screen. */
export async function signOut(page: SessionPage): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
}
