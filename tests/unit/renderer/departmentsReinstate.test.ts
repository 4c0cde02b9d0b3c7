import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentSummary } from '../../../src/shared/channels/departments';
import { fail, ok } from '../../../src/shared/result';
import { bundleComponent, launchBrowser, mountInChromium, type Mounted } from './support/mount-in-chromium';

/** One retired department, and main refuses to reinstate it. */
const retired: DepartmentSummary = {
  id: 7,
  name: 'Dermatology',
  description: 'Skin',
  active: false,
  doctorCount: 0,
};

/**
 * Issue 13 item 5: the Departments copy of the deactivate/reactivate action had lost its error
 * toast, so a failed Reinstate showed nothing. The real screen in Chromium over a stand-in bridge
 * whose main refuses the reinstatement.
 */
describe('Departments: a failed Reinstate', () => {
  let browser: Browser;
  let mounted: Mounted | undefined;

  beforeAll(async () => {
    const [launched, bundle] = await Promise.all([
      launchBrowser(),
      bundleComponent({
        from: 'src/renderer/src/features/departments/DepartmentsScreen',
        name: 'DepartmentsScreen',
      }),
    ]);
    browser = launched;
    mounted = await mountInChromium(browser, bundle, (channel) => {
      if (channel === 'departments/list') return ok([retired]);
      if (channel === 'departments/setActive')
        return fail('conflict', 'This department cannot be reinstated right now.');
      return fail('internal', `No stand-in for ${channel}`);
    });
  }, 120_000);

  afterAll(async () => {
    await mounted?.close();
    await browser?.close();
  });

  it('shows an error toast with main’s sentence', async () => {
    const { page, calls } = mounted!;
    await page.getByRole('button', { name: 'Reinstate Dermatology' }).click();
    await page.getByText('Could not reinstate Dermatology').waitFor();
    await page.getByText('This department cannot be reinstated right now.').waitFor();
    expect(calls.at(-1)).toEqual({ channel: 'departments/setActive', input: { id: 7, active: true } });
  });
});
