// Writing user-requested files: native dialog in Electron, a renderer-chosen path in the Chromium host.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../shared/errors';
import { createFileSaver } from '../../../electron/services/files/file-saver';
import { tempFolder } from '../../harness/temp';

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => 'no error',
    (error: unknown) => (isAppError(error) ? error.code : String(error)),
  );
}

describe('file saver', () => {
  it('writes to the path chosen in the Chromium host, owner-only for sensitive files', async () => {
    const folder = tempFolder();
    const saver = createFileSaver();
    const result = await saver.save({
      suggestedName: 'key.p12',
      contents: 'secret',
      destination: { path: join(folder, 'key.p12') },
      sensitive: true,
    });
    expect(result).toEqual({ saved: true, path: join(folder, 'key.p12'), bytes: 6 });
    expect(readFileSync(join(folder, 'key.p12'), 'utf8')).toBe('secret');
    expect(statSync(join(folder, 'key.p12')).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing world-readable file with an owner-only one when the contents are sensitive', async () => {
    const folder = tempFolder();
    const path = join(folder, 'key.pem');
    writeFileSync(path, 'old public text');
    chmodSync(path, 0o644);
    const result = await createFileSaver().save({
      suggestedName: 'key.pem',
      contents: 'private key',
      destination: { path, overwrite: true },
      sensitive: true,
    });
    expect(result).toMatchObject({ saved: true, path });
    expect(readFileSync(path, 'utf8')).toBe('private key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(folder)).toEqual(['key.pem']); // no temp file left behind
  });

  it('refuses a missing, relative or folder path, and asks before replacing a file', async () => {
    const folder = tempFolder();
    const saver = createFileSaver();
    expect(await codeOf(saver.save({ suggestedName: 'a', contents: 'x' }))).toBe('BAD_INPUT');
    expect(await codeOf(saver.save({ suggestedName: 'a', contents: 'x', destination: { path: 'relative.pem' } }))).toBe('BAD_INPUT');
    expect(await codeOf(saver.save({ suggestedName: 'a', contents: 'x', destination: { path: join(folder, 'missing', 'a.pem') } }))).toBe(
      'BAD_INPUT',
    );
    expect(await codeOf(saver.save({ suggestedName: 'a', contents: 'x', destination: { path: folder } }))).toBe('BAD_INPUT');
    writeFileSync(join(folder, 'a.pem'), 'old');
    expect(await codeOf(saver.save({ suggestedName: 'a', contents: 'new', destination: { path: join(folder, 'a.pem') } }))).toBe(
      'CONFLICT',
    );
    expect(readFileSync(join(folder, 'a.pem'), 'utf8')).toBe('old');
    await saver.save({ suggestedName: 'a', contents: 'new', destination: { path: join(folder, 'a.pem'), overwrite: true } });
    expect(readFileSync(join(folder, 'a.pem'), 'utf8')).toBe('new');
  });

  it('uses the native dialog where there is one, and refuses a renderer-supplied path there', async () => {
    const folder = tempFolder();
    const asked: string[] = [];
    const saver = createFileSaver({
      chooseSavePath: async (name) => (asked.push(name), name === 'cancel.pem' ? null : join(folder, name)),
    });
    expect(await saver.save({ suggestedName: 'cert.pem', contents: 'x' })).toMatchObject({ saved: true, path: join(folder, 'cert.pem') });
    expect(await saver.save({ suggestedName: 'cancel.pem', contents: 'x' })).toEqual({ saved: false });
    expect(await codeOf(saver.save({ suggestedName: 'x.pem', contents: 'x', destination: { path: '/etc/passwd' } }))).toBe('BAD_INPUT');
    expect(asked).toEqual(['cert.pem', 'cancel.pem']);
  });
});
