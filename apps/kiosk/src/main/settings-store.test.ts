import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type KioskSettings } from '../shared/settings.ts';
import { createSettingsStore, needsSetup } from './settings-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luot-kiosk-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const configured: KioskSettings = {
  hubUrl: 'http://192.168.1.10:8080',
  deviceToken: 'dev_abc',
  publicUrl: '',
  printer: {
    connection: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
    mode: 'raster',
    paper: '80mm',
  },
};

describe('kiosk settings in the user-data folder', () => {
  it('starts with the defaults and asks for setup', () => {
    const store = createSettingsStore(dir);
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(needsSetup(store)).toBe(true);
    expect(store.checkPin('anything')).toBe(true);
  });

  it('keeps what was saved across restarts, with the PIN only as a hash', () => {
    createSettingsStore(dir).save({ ...configured, hubUrl: 'http://192.168.1.10:8080/' }, '2468');
    const store = createSettingsStore(dir);
    expect(store.settings().hubUrl).toBe('http://192.168.1.10:8080');
    expect(store.settings().printer.connection).toEqual(configured.printer.connection);
    expect(needsSetup(store)).toBe(false);
    expect(store.checkPin('2468')).toBe(true);
    expect(store.checkPin('1357')).toBe(false);
    const raw = readFileSync(store.file, 'utf8');
    expect(raw).not.toContain('2468');
    expect(statSync(store.file).mode & 0o077).toBe(0);
  });

  it('keeps the PIN when settings are saved without a new one', () => {
    const store = createSettingsStore(dir);
    store.save(configured, '2468');
    store.save({ ...configured, printer: { ...configured.printer, paper: '58mm' } });
    const again = createSettingsStore(dir);
    expect(again.settings().printer.paper).toBe('58mm');
    expect(again.checkPin('2468')).toBe(true);
  });

  it('refuses settings that do not make sense and keeps the old ones', () => {
    const store = createSettingsStore(dir);
    store.save(configured, '2468');
    expect(() => store.save({ ...configured, hubUrl: 'ftp://x' })).toThrow();
    expect(createSettingsStore(dir).settings().hubUrl).toBe(configured.hubUrl);
  });

  it('keeps a damaged file in place and stays locked, with a copy for the installer', () => {
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const logged: string[] = [];
    const store = createSettingsStore(dir, (m) => logged.push(m));
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(store.damaged()).toBe(true);
    expect(store.pinSet()).toBe(true);
    expect(store.checkPin('anything')).toBe(false);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
    expect(existsSync(join(dir, 'settings.json.bad'))).toBe(true);
    expect(logged[0]).toMatch(/unreadable.*--reset-settings/);
  });
});
