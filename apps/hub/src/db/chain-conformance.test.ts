import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeChainSealing } from '../../testing/store-conformance-chain-seal.ts';
import { openSqliteChainSource } from './chain-source.ts';
import { openDatabase } from './open-database.ts';
import { asyncProvince, createProvinceStore } from './store.ts';

// The chain's part of the store port on a fresh SQLite file, read back through its source.
describeChainSealing('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'luot-i17chain-conf-'));
  const path = join(dir, 'luot.db');
  const sqlite = createProvinceStore(openDatabase(path));
  return {
    province: asyncProvince(sqlite),
    source: () => openSqliteChainSource(path),
    async close() {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
