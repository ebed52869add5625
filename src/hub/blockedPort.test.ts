import { describe, expect, it } from 'vitest';
import { startHub } from './server';

describe('the hub on a port fetch refuses', () => {
  it('will not start there, and says to pick another port', async () => {
    await expect(startHub({ port: 4190 } as Parameters<typeof startHub>[0])).rejects.toThrow(/Port 4190 cannot be used for a hub.*another port, such as 4180/);
  });
});
