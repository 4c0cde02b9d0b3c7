import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DataFolderStatus } from '../../../src/shared/channels/thisPc';
import { fail, ok, type Result } from '../../../src/shared/result';
import { bundleComponent, launchBrowser, mountInChromium, type Mounted } from './support/mount-in-chromium';

const FOLDER = '/home/ana/.config/Clinic Desk';
const status = (over: Partial<DataFolderStatus> = {}): DataFolderStatus => ({
  folder: FOLDER,
  source: 'default',
  locked: null,
  databaseBytes: 12 * 1024 * 1024,
  ...over,
});

describe('Settings › This PC › Data folder (the panel, in Chromium)', () => {
  let browser: Browser;
  let bundle: { js: string; css: string };
  let mounted: Mounted | undefined;

  beforeAll(async () => {
    [browser, bundle] = await Promise.all([
      launchBrowser(),
      bundleComponent({ from: 'src/renderer/src/features/thisPc/DataFolderPanel', name: 'DataFolderPanel' }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await mounted?.close();
    await browser.close();
  });

  async function mount(answers: Record<string, () => Result<unknown>>): Promise<Mounted> {
    await mounted?.close();
    mounted = await mountInChromium(browser, bundle, (channel) => {
      const answer = answers[channel];
      return answer ? answer() : fail('internal', `unexpected ${channel}`);
    });
    return mounted;
  }

  it('shows the folder in use, where the choice comes from and the size, and moves the data after a confirmation', async () => {
    const { page, calls } = await mount({
      'thisPc/dataFolder': () => ok(status()),
      'thisPc/moveDataFolder': () =>
        ok({ outcome: 'restarting', folder: '/mnt/d/clinic', previousFolder: FOLDER }),
    });
    const panel = page.getByRole('region', { name: 'This PC' });
    await panel.getByText(FOLDER).waitFor();
    expect(await panel.innerText()).toContain(
      "Clinic Desk's own folder on this PC (the default). The database is 12.0 MB.",
    );

    await panel.getByRole('button', { name: 'Move the data to another folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move the data to another folder' });
    await dialog.getByText(/Nothing is deleted: the current folder stays as it is/).waitFor();
    expect(calls.map((c) => c.channel)).toEqual(['thisPc/dataFolder']);
    await dialog.getByRole('button', { name: 'Choose the folder…' }).click();

    const done = page.getByRole('status');
    await done.waitFor();
    expect(await done.innerText()).toBe(
      `The data was copied to /mnt/d/clinic and checked. Clinic Desk is restarting there; sign in again in a moment. The old folder, ${FOLDER}, is left as it was: remove it yourself once you have checked the clinic's data in its new place.`,
    );
    expect(calls).toEqual([
      { channel: 'thisPc/dataFolder', input: {} },
      { channel: 'thisPc/moveDataFolder', input: {} },
    ]);
    await dialog.waitFor({ state: 'detached' });
    expect(await panel.getByRole('button', { name: 'Open another existing folder…' }).isDisabled()).toBe(
      true,
    );
  });

  it("shows the core's refusal in the dialog, and the panel stays as it was", async () => {
    const refusal =
      '/mnt/d/clinic already holds a clinic database. To use it, choose "Open another existing folder…"; to move the data, choose an empty folder.';
    const { page } = await mount({
      'thisPc/dataFolder': () => ok(status({ source: 'chosen' })),
      'thisPc/openDataFolder': () => fail('conflict', refusal),
    });
    await page.getByText('Chosen on this PC.').waitFor();
    await page.getByRole('button', { name: 'Open another existing folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open another existing folder' });
    await dialog.getByRole('button', { name: 'Choose the folder…' }).click();
    await dialog.getByRole('alert').getByText(refusal).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('status').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Move the data to another folder…' }).isEnabled()).toBe(
      true,
    );
  });

  it('says nothing happened when the folder picker is cancelled', async () => {
    const { page, calls } = await mount({
      'thisPc/dataFolder': () => ok(status()),
      'thisPc/moveDataFolder': () => ok({ outcome: 'cancelled' }),
    });
    await page.getByRole('button', { name: 'Move the data to another folder…' }).click();
    await page.getByRole('button', { name: 'Choose the folder…' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(calls.map((c) => c.channel)).toEqual(['thisPc/dataFolder', 'thisPc/moveDataFolder']);
    expect(await page.getByRole('status').count()).toBe(0);
  });

  it('explains that CLINIC_DESK_DATA_DIR wins and disables both changes', async () => {
    const locked = `CLINIC_DESK_DATA_DIR is set on this PC and always wins: Clinic Desk uses /srv/clinic. Remove the variable to choose the folder here.`;
    const { page } = await mount({
      'thisPc/dataFolder': () => ok(status({ folder: '/srv/clinic', source: 'environment', locked })),
    });
    await page.getByText(locked).waitFor();
    expect(
      await page.getByText('Set by the CLINIC_DESK_DATA_DIR environment variable on this PC.').count(),
    ).toBe(1);
    for (const name of ['Move the data to another folder…', 'Open another existing folder…'])
      expect(await page.getByRole('button', { name }).isDisabled()).toBe(true);
  });

  it('on a client PC: only the sentence that the host keeps the data, no buttons', async () => {
    const sentence =
      "This PC works on the clinic's host PC, which keeps the data: its folder is chosen in the desktop app on the host (Settings › This PC).";
    const { page } = await mount({
      'thisPc/dataFolder': () => ok({ folder: null, source: null, locked: sentence, databaseBytes: null }),
    });
    await page.getByText(sentence).waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
  });
});
