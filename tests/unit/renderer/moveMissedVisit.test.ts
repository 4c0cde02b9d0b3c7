import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingOptions, FreeSlots } from '../../../src/shared/dto/clinic';
import { fail, ok } from '../../../src/shared/result';
import { bundleComponent, launchBrowser, mountInChromium, type Mounted } from './support/mount-in-chromium';

const options: BookingOptions = {
  departments: [{ id: 2, name: 'General practice' }],
  doctors: [
    {
      id: 3,
      fullName: 'Dr Daniel Fernández',
      departmentId: 2,
      departmentName: 'General practice',
      consultationMinutes: 15,
    },
  ],
  timeZone: 'UTC',
  today: '2026-03-11',
};

/** Main's free times: 10:30 on the 11th only; a day that has passed has none. */
function freeSlots(input: { doctorId: number; from: string }): FreeSlots {
  const startsAt = Date.UTC(2026, 2, 11, 10, 30);
  const slots =
    input.from === '2026-03-11'
      ? [{ startsAt, endsAt: startsAt + 15 * 60_000, date: '2026-03-11', time: '10:30' }]
      : [];
  return {
    timeZone: 'UTC',
    from: input.from,
    days: 1,
    doctors: [{ doctorId: 3, doctorName: 'Dr Daniel Fernández', departmentName: 'General practice', slots }],
  };
}

/**
 * A visit still booked on a day that has passed, moved from the patient's profile: the dialog
 * opened on that day, whose free times are all gone, and said "No free times that day". It offers
 * today's instead, and asks main for no day before today.
 */
describe('Move dialog: a missed visit', () => {
  let browser: Browser;
  let mounted: Mounted | undefined;

  beforeAll(async () => {
    const [launched, bundle] = await Promise.all([
      launchBrowser(),
      bundleComponent({ from: 'tests/unit/renderer/harness/MissedVisitMove', name: 'MissedVisitMove' }),
    ]);
    browser = launched;
    mounted = await mountInChromium(browser, bundle, (channel, input) => {
      if (channel === 'appointments/options') return ok(options);
      if (channel === 'appointments/freeSlots')
        return ok(freeSlots(input as { doctorId: number; from: string }));
      if (channel === 'appointments/reschedule') return fail('conflict', 'Not in this test.');
      return fail('internal', `No stand-in for ${channel}`);
    });
  }, 120_000);

  afterAll(async () => {
    await mounted?.close();
    await browser?.close();
  });

  it("starts from today, offers today's free times, and asks for no past day", async () => {
    const { page, calls } = mounted!;
    const dialog = page.getByRole('form', { name: 'Move appointment' });
    await dialog.getByText('on 2026-03-09 at 09:00').waitFor();
    await dialog.getByLabel('New time', { exact: true }).click();
    await page.getByRole('option', { name: '10:30', exact: true }).waitFor();
    expect(await dialog.getByLabel('New date').textContent()).toBe('Wed 11 Mar 2026');
    const asked = calls.filter((call) => call.channel === 'appointments/freeSlots').map((call) => call.input);
    expect(asked).toEqual([{ doctorId: 3, from: '2026-03-11', days: 1 }]);
  });
});
