import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskArgs } from './shellArgs';

// What the Electron window and the browser shell take from their command line for the desk,
// read by one function: a call-centre desk (Electron) joins its hub with --hub as the
// browser shell does.

describe('the shells’ desk arguments', () => {
  it('take --hub URL (or --hub=URL) as the hub to join, beside --data, --demo and --test-clock', () => {
    expect(deskArgs(['--data', '/srv/desk', '--hub', 'http://127.0.0.1:4180'], {})).toEqual({ dataDir: '/srv/desk', hubUrl: 'http://127.0.0.1:4180', demo: false, testClock: false });
    expect(deskArgs(['--hub=https://hub.example.com:4180/', '--demo', '--test-clock'], {})).toEqual({ dataDir: undefined, hubUrl: 'https://hub.example.com:4180', demo: true, testClock: true });
    expect(deskArgs([], { TAGDESK_DATA: 'rel' })).toEqual({ dataDir: join(process.cwd(), 'rel'), hubUrl: undefined, demo: false, testClock: false });
  });

  it('leave alone what is not theirs: Electron’s own path and Chromium’s switches', () => {
    const argv = ['/opt/Tagdesk/tagdesk', '/opt/Tagdesk/resources/app', '--inspect=0', '--remote-debugging-port=0', '--hub', 'http://10.0.0.5:4180', '--no-sandbox'];
    expect(deskArgs(argv, {})).toMatchObject({ hubUrl: 'http://10.0.0.5:4180', dataDir: undefined });
  });

  it('refuse a hub address the desk could never join, saying why, before the desk opens', () => {
    expect(() => deskArgs(['--hub'], {})).toThrow('--hub needs an address: --hub URL');
    expect(() => deskArgs(['--hub', '--demo'], {})).toThrow('--hub needs an address');
    expect(() => deskArgs(['--hub', 'hub.example'], {})).toThrow('The hub address is a URL like https://hub.example.com:4180.');
    expect(() => deskArgs(['--hub=http://hub.example:4190'], {})).toThrow(/Port 4190 cannot be used for a hub/);
    expect(() => deskArgs(['--data'], {})).toThrow('--data needs a folder');
  });
});
