import { describe, expect, it } from 'vitest';
import { webShellArgs } from './startArgs.mjs';

// `npm start` falling back to the browser shell added --demo to every run: a desk started with
// --hub to join the centre's hub was filled with demo people and tickets first.
describe('npm start’s browser-shell arguments', () => {
  it('add --demo to a desk on its own, once', () => {
    expect(webShellArgs([])).toEqual(['--demo']);
    expect(webShellArgs(['--data', '/tmp/d', '--port', '0'])).toEqual(['--data', '/tmp/d', '--port', '0', '--demo']);
    expect(webShellArgs(['--demo', '--data', '/tmp/d'])).toEqual(['--demo', '--data', '/tmp/d']);
  });

  it('add no --demo to a desk about to join a hub', () => {
    expect(webShellArgs(['--data', '/tmp/d', '--hub', 'http://127.0.0.1:4180'])).toEqual(['--data', '/tmp/d', '--hub', 'http://127.0.0.1:4180']);
    expect(webShellArgs(['--hub=https://hub.example.com:4180'])).toEqual(['--hub=https://hub.example.com:4180']);
  });
});
