/**
 * A second (and third) Clinic Desk process for the race test: opens the same data folder with its
 * own core, books once as the front desk and prints the result as one JSON line.
 * Usage: tsx book-once.ts DATA_DIR CLOCK_ISO BOOKING_JSON
 * (the tests run its bundle: tests/support/child-bundles.ts)
 */
import { createCore } from '../../../../src/main/core';
import { silentLogger } from '../../../../src/main/core/logger';
import { fixedClock, TEST_SCRYPT } from '../../../support/temp-core';

const [dataDir = '', clockIso = '', booking = '{}'] = process.argv.slice(2);
const core = await createCore({
  dataDir,
  clock: fixedClock(clockIso),
  logger: silentLogger,
  passwordCost: TEST_SCRYPT,
});
try {
  const result = await core.connectAs('reception', 'test').call('appointments/book', JSON.parse(booking));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  core.close();
}
