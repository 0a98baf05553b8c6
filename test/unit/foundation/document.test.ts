// Persisted documents: validation, migrations, corrupt files moved aside and reported.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { confFiles } from '../../../electron/services/store/conf-backend';
import { openDocument, StoreReports } from '../../../electron/services/store/document';
import { createTestBackend } from '../../harness/services';
import { tempFolder } from '../../harness/temp';

const Schema = z.object({ items: z.array(z.object({ name: z.string(), size: z.number() })) });
const options = {
  name: 'things',
  schema: Schema,
  version: 2,
  initial: () => ({ items: [] }),
  migrations: { 1: (data: unknown) => ({ items: (data as { names: string[] }).names.map((name) => ({ name, size: 0 })) }) },
};

describe('documents', () => {
  it('writes a versioned file with owner-only permissions and reads it back', () => {
    const home = tempFolder();
    const doc = openDocument(confFiles(home), new StoreReports(), options);
    doc.write({ items: [{ name: 'a', size: 1 }] });
    const file = JSON.parse(readFileSync(join(home, 'things.json'), 'utf8'));
    expect(file).toEqual({ schemaVersion: 2, data: { items: [{ name: 'a', size: 1 }] } });
    expect(statSync(join(home, 'things.json')).mode & 0o777).toBe(0o600);
    expect(openDocument(confFiles(home), new StoreReports(), options).read()).toEqual({ items: [{ name: 'a', size: 1 }] });
  });

  it('validates every write and leaves the file as it was when a write is invalid', () => {
    const home = tempFolder();
    const doc = openDocument(confFiles(home), new StoreReports(), options);
    doc.write({ items: [{ name: 'a', size: 1 }] });
    expect(() => doc.write({ items: [{ name: 'b', size: 'big' }] } as never)).toThrow();
    expect(JSON.parse(readFileSync(join(home, 'things.json'), 'utf8')).data.items).toEqual([{ name: 'a', size: 1 }]);
  });

  it('migrates an older schema version on load and saves the upgrade', () => {
    const home = tempFolder();
    writeFileSync(join(home, 'things.json'), JSON.stringify({ schemaVersion: 1, data: { names: ['x', 'y'] } }));
    const doc = openDocument(confFiles(home), new StoreReports(), options);
    expect(doc.read()).toEqual({
      items: [
        { name: 'x', size: 0 },
        { name: 'y', size: 0 },
      ],
    });
    expect(JSON.parse(readFileSync(join(home, 'things.json'), 'utf8')).schemaVersion).toBe(2);
  });

  for (const [what, content, reason] of [
    ['not JSON', '{"schemaVersion": 2, "data": {', /not valid JSON/],
    ['the wrong shape', JSON.stringify({ schemaVersion: 2, data: { items: 'nope' } }), /does not match the expected shape/],
    ['not a Signet file', JSON.stringify({ hello: 'world' }), /not a Signet data file/],
    ['from a newer Signet', JSON.stringify({ schemaVersion: 9, data: {} }), /newer Signet/],
  ] as const) {
    it(`moves a file that is ${what} aside, reports it, and starts fresh`, () => {
      const home = tempFolder();
      writeFileSync(join(home, 'things.json'), content);
      const reports = new StoreReports();
      const doc = openDocument(confFiles(home), reports, options);
      expect(doc.read()).toEqual({ items: [] });
      const [report] = reports.list();
      expect(report?.reason).toMatch(reason);
      expect(report?.movedTo).toMatch(/things\.json\.corrupt-\d{4}-\d\d-\d\dT/);
      expect(readFileSync(report!.movedTo, 'utf8')).toBe(content);
      expect(existsSync(join(home, 'things.json'))).toBe(false);
      doc.write({ items: [{ name: 'new', size: 1 }] });
      expect(readdirSync(home).sort()).toEqual(['things.json', report!.movedTo.split('/').pop()]);
    });
  }

  it('moves an unreadable file aside too (a folder where the file should be), reports why, and starts fresh', () => {
    const home = tempFolder();
    mkdirSync(join(home, 'things.json'));
    const reports = new StoreReports();
    const doc = openDocument(confFiles(home), reports, options);
    expect(doc.read()).toEqual({ items: [] });
    const [report] = reports.list();
    expect(report?.reason).toBe('the file could not be read (error EISDIR)');
    expect(statSync(report!.movedTo).isDirectory()).toBe(true);
    doc.write({ items: [{ name: 'new', size: 1 }] });
    expect(JSON.parse(readFileSync(join(home, 'things.json'), 'utf8')).data.items).toEqual([{ name: 'new', size: 1 }]);
  });

  it('reports a corrupt settings file through the app service and the event channel', async () => {
    const home = tempFolder();
    writeFileSync(join(home, 'settings.json'), 'garbage');
    const backend = createTestBackend({ dataFolder: home });
    const result = await backend.dispatch('app.storeReports', []);
    expect(result).toMatchObject({ ok: true, value: [{ file: join(home, 'settings.json') }] });
    expect(await backend.dispatch('settings.get', [])).toEqual({ ok: true, value: { theme: 'system' } });
    expect(backend.logged.map((entry) => entry.message)).toContain('A data file was unreadable and was moved aside');
  });
});
