// The layer rules of DESIGN §1 are ESLint rules, so `npm run lint` (and CI) fails when one is broken.
// layering.test.ts checks today's tree; this checks that the lint config itself refuses a breach.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages ESLint reports for `code` as if it were the file at `path`. */
async function restrictedImports(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  expect(result!.fatalErrorCount).toBe(0);
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports' && message.severity === 2).map((m) => m.message);
}

describe('lint layer rules', () => {
  it('fails a service that imports electron', async () => {
    expect(await restrictedImports('electron/services/vault/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringContaining('may import electron'),
    ]);
    expect(await restrictedImports('electron/services/store/x.ts', "export { ipcMain } from 'electron/main';\n")).toHaveLength(1);
  });

  it('fails renderer and shared code that imports a Node built-in or electron', async () => {
    for (const path of ['renderer/src/app/x.ts', 'renderer/src/features/x/y.tsx', 'shared/x.ts']) {
      expect(await restrictedImports(path, "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"), path).toHaveLength(
        1,
      );
      expect(await restrictedImports(path, "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n"), path).toHaveLength(1);
      expect(await restrictedImports(path, "import { shell } from 'electron';\nexport const a = shell;\n"), path).toHaveLength(1);
    }
  });

  it('lets the platform layer and the composition root import electron', async () => {
    expect(
      await restrictedImports('electron/platform/x.ts', "import { safeStorage } from 'electron';\nexport const a = safeStorage;\n"),
    ).toEqual([]);
    expect(await restrictedImports('electron/ipc.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n")).toEqual([]);
  });
});
