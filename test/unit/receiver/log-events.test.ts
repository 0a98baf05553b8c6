// The receiver's log reaches every open window: each new entry and a clear are pushed as bridge events.
import { describe, expect, it } from 'vitest';
import { startReceiver, unlockedTestBackend } from '../../harness/receiver';

describe('receiver log events', () => {
  it('pushes receiver.logCleared when the log is cleared over the bridge, so every window empties its copy', async () => {
    const backend = await unlockedTestBackend();
    try {
      const peer = await startReceiver(backend);
      expect((await fetch(peer.jwksUri)).status).toBe(200);
      await expect.poll(() => backend.events.filter((event) => event.name === 'receiver.log').length).toBe(1);
      expect(peer.log()).toHaveLength(1);

      backend.events.length = 0;
      expect(await backend.dispatch('receiver.clearLog', [])).toEqual({ ok: true });
      expect(peer.log()).toEqual([]);
      expect(backend.events).toEqual([{ name: 'receiver.logCleared', payload: {} }]);
    } finally {
      await backend.close();
    }
  });
});
