// The built preload, run without the Electron binary: a sandboxed preload gets no module loader,
// only a `require` for `electron` and a few polyfills, so it must be ONE CommonJS file whose only
// import is `electron`. Run here in a VM context with exactly that, against recording stand-ins.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, Script } from 'node:vm';
import { describe, expect, it } from 'vitest';

const OUT = join(import.meta.dirname, '../../out');

interface Recorded {
  exposed: Array<[string, unknown]>;
  invoked: unknown[][];
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
}

function runBuiltPreload(): Recorded {
  const recorded: Recorded = { exposed: [], invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.push([key, api]) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        recorded.invoked.push(args);
        return { ok: true, value: 'answer' };
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        if (!recorded.listeners.has(channel)) recorded.listeners.set(channel, new Set());
        recorded.listeners.get(channel)!.add(listener);
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        recorded.listeners.get(channel)?.delete(listener);
      },
    },
  };
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const source = readFileSync(join(OUT, 'preload/preload.cjs'), 'utf8');
  // The CommonJS wrapper Electron applies; an ES module (import/export) does not even parse here.
  const wrapped = new Script(`(function (exports, require, module) {${source}\n})`, { filename: 'preload.cjs' });
  const module = { exports: {} };
  (wrapped.runInContext(createContext({})) as (...args: unknown[]) => void)(module.exports, sandboxRequire, module);
  return recorded;
}

describe('built preload', () => {
  it('is one CommonJS file, and the main bundle loads it', () => {
    expect(readdirSync(join(OUT, 'preload')).filter((name) => !name.endsWith('.map'))).toEqual(['preload.cjs']);
    const requires = [...readFileSync(join(OUT, 'preload/preload.cjs'), 'utf8').matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map(
      (m) => m[1],
    );
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(readFileSync(join(OUT, 'main/main.js'), 'utf8')).toContain('../preload/preload.cjs');
  });

  it('runs with only electron to require, and exposes nothing but a frozen { invoke, onEvent } as window.signet', async () => {
    const recorded = runBuiltPreload();
    expect(recorded.exposed.map(([key]) => key)).toEqual(['signet']);
    const bridge = recorded.exposed[0]![1] as {
      invoke: (path: string, args: unknown[]) => Promise<unknown>;
      onEvent: (listener: (name: string, payload: unknown) => void) => () => void;
    };
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.isFrozen(bridge)).toBe(true);

    await expect(bridge.invoke('vault.status', [])).resolves.toEqual({ ok: true, value: 'answer' });
    expect(recorded.invoked).toEqual([['signet:invoke', 'vault.status', []]]);

    // Events reach the listener without the IpcRendererEvent (it carries `sender`), and unsubscribe works.
    const heard: unknown[][] = [];
    const off = bridge.onEvent((...args) => heard.push(args));
    const listeners = [...(recorded.listeners.get('signet:event') ?? [])];
    expect(listeners).toHaveLength(1);
    listeners[0]!({ sender: 'ipc-renderer' }, 'vault.changed', { state: 'locked' });
    expect(heard).toEqual([['vault.changed', { state: 'locked' }]]);
    off();
    expect(recorded.listeners.get('signet:event')?.size).toBe(0);
  });
});
