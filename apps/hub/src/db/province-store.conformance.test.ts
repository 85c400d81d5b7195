import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeProvinceStore } from '../../testing/store-conformance.ts';
import { describeChainStore } from '../../testing/store-conformance-chain.ts';
import { openSqliteChainSource } from './chain-source.ts';
import { openDatabase } from './open-database.ts';
import { asyncProvince, createProvinceStore } from './store.ts';

// The port's conformance suite (shared with the PostgreSQL store) on a fresh SQLite file each time.
describeProvinceStore('SQLite', async () =>
  asyncProvince(
    createProvinceStore(openDatabase(join(mkdtempSync(join(tmpdir(), 'luot-conf-')), 'luot.db'))),
  ),
);

// The tamper-evident log's part, its chains read as `luot verify` reads the file.
describeChainStore('SQLite', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'luot-chain-')), 'luot.db');
  return {
    store: asyncProvince(createProvinceStore(openDatabase(path))),
    source: async () => openSqliteChainSource(path),
  };
});
