import { afterEach } from 'vitest';
import type { DeskOptions } from '../desk';
import { testDesk } from './deskHarness';

/**
 * `open()` for a test file whose tests each use one demo desk (testDesk): the desk a test
 * opened is closed after it.
 */
export function deskPerTest(opts: Partial<DeskOptions> = {}): () => ReturnType<typeof testDesk> {
  let close: (() => void) | undefined;
  afterEach(() => {
    close?.();
    close = undefined;
  });
  return async () => {
    const t = await testDesk(opts);
    close = () => t.desk.close();
    return t;
  };
}
