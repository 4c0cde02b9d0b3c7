import type { Page } from 'playwright-core';

/** What the front desk types into Register patient; `sex` is the option's label, e.g. 'Female'. */
export interface NewPatient {
  fullName: string;
  dateOfBirth: string;
  sex: string;
  phone: string;
  email?: string;
}

/** Patients › Register patient, filled in as the front desk does; waits for the new profile. */
export async function registerPatient(page: Page, patient: NewPatient): Promise<void> {
  await page.getByRole('button', { name: 'Register patient' }).click();
  const form = page.getByRole('form', { name: 'Register patient' });
  await form.getByLabel('Full name').fill(patient.fullName);
  await form.getByLabel('Date of birth').fill(patient.dateOfBirth);
  // Leaving the date field closes its picker.
  await form.getByLabel('Full name').click();
  await form.getByLabel('Sex', { exact: true }).first().click();
  await page.getByRole('option', { name: patient.sex }).click();
  await form.getByLabel('Phone', { exact: true }).fill(patient.phone);
  if (patient.email) await form.getByLabel('Email', { exact: true }).fill(patient.email);
  await form.getByRole('button', { name: 'Register patient' }).click();
  await page.getByRole('heading', { name: patient.fullName, level: 1 }).waitFor();
}

/** In the open Book appointment dialog: finds the patient by `search`, gives the reason, books. */
export async function completeBooking(
  page: Page,
  booking: { search: string; patient: string; reason: string },
): Promise<void> {
  const dialog = page.getByRole('form', { name: 'Book appointment' });
  await dialog.getByLabel('Patient', { exact: true }).first().fill(booking.search);
  await page
    .getByRole('option', { name: new RegExp(booking.patient) })
    .first()
    .click();
  await dialog.getByLabel('Reason for the visit').fill(booking.reason);
  await dialog.getByRole('button', { name: 'Book', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}
