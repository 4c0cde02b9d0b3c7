/**
 * The writer the crash test kills: the real core on a data folder, booking appointments through
 * the contract as the front desk in an endless loop. Every second patient has an email address and
 * consents to email, so their booking also queues a confirmation in the same transaction. It prints
 * READY once open, and `COMMITTED <appointment id> <consent 0|1>` after each booking returns, so
 * the test knows what it must find after the SIGKILL.
 * Usage: tsx booking-writer.ts DATA_DIR CLOCK_ISO TODAY
 * (the tests run its bundle: tests/support/child-bundles.ts)
 */
import { createCore } from '../../../../src/main/core';
import { silentLogger } from '../../../../src/main/core/logger';
import { addDays } from '../../../../src/main/core/time/zone';
import { fixedClock, TEST_SCRYPT } from '../../../support/temp-core';

const [dataDir = '', clockIso = '', today = ''] = process.argv.slice(2);
const core = await createCore({
  dataDir,
  clock: fixedClock(clockIso),
  logger: silentLogger,
  passwordCost: TEST_SCRYPT,
});
const desk = core.connectAs('reception', 'test');
process.stdout.write('READY\n');

let from = today;
let serial = Number(process.pid);
for (;;) {
  const free = await desk.call('appointments/freeSlots', { from, days: 14 });
  if (!free.ok) throw new Error(free.error.message);
  const slots = free.value.doctors.flatMap((d) => d.slots.map((s) => ({ doctorId: d.doctorId, ...s })));
  if (slots.length === 0) {
    from = addDays(from, 14);
    if (from > addDays(today, 365)) throw new Error('No free slot within a year.');
    continue;
  }
  for (const slot of slots) {
    serial += 1;
    const consent = serial % 2 === 0;
    const patient = await desk.call('patients/register', {
      fullName: `Crash Writer ${serial}`,
      dateOfBirth: '1980-05-17',
      sex: 'female',
      // Restarted writers may reuse a serial; these are deliberately distinct test people.
      confirmDuplicate: true,
      phone: `+44 7700 ${String(serial % 1_000_000).padStart(6, '0')}`,
      ...(consent ? { email: `crash${serial}@example.org`, emailReminders: true } : {}),
    });
    if (!patient.ok) throw new Error(patient.error.message);
    const booked = await desk.call('appointments/book', {
      patientId: patient.value.id,
      doctorId: slot.doctorId,
      startsAt: slot.startsAt,
      reason: 'crash test',
    });
    if (booked.ok) process.stdout.write(`COMMITTED ${booked.value.id} ${consent ? 1 : 0}\n`);
    else if (booked.error.code !== 'conflict') throw new Error(booked.error.message);
  }
}
