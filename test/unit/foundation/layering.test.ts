// Layer rules (DESIGN §1): services never import electron; renderer and shared never import Node or electron.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3]!);
}

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

describe('layering', () => {
  it('electron/services never imports electron', () => {
    const offenders = sourceFiles(join(ROOT, 'electron/services')).filter((file) =>
      importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
  });

  it('renderer and shared import neither Node built-ins, electron, nor the main-process code', () => {
    const offenders = ['renderer/src', 'shared'].flatMap((dir) =>
      sourceFiles(join(ROOT, dir)).flatMap((file) =>
        importsOf(file)
          .filter((spec) => isNodeBuiltin(spec) || spec === 'electron' || /(^|\/)electron\//.test(spec))
          .map((spec) => `${relative(ROOT, file)} -> ${spec}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('finds imports at all (the rule above is not vacuous)', () => {
    expect(importsOf(join(ROOT, 'electron/services/vault/sealed-box.ts'))).toContain('node:crypto');
  });
});
