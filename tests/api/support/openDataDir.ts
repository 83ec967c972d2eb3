// A second process that tries to open an embedded data directory (tests/api/singleWriter.test.ts):
// prints "geöffnet" and exits 0 if it could, prints the refusal and exits 3 if not.
import { openPglite } from '../../../src/server/db/database';

try {
  const db = await openPglite(process.argv[2]!, 'Test');
  console.log('geöffnet');
  await db.close();
} catch (error) {
  console.error((error as Error).message);
  process.exit(3);
}
