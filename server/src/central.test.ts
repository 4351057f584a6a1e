import { openPglite } from './db/pglite';
import { describeCentral } from './testing/central-suite';

describeCentral(
  'PGlite',
  () => openPglite(),
  (db) => db.close(),
);
