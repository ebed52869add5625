import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';

// The Electron binary cannot be built here (it is downloaded from outside the npm
// registry), so the packaging is checked piece by piece: the electron-builder config in
// package.json, and its afterPack hook flipping the fuses of a stand-in binary that carries
// Electron's fuse wire (the navigation guard: src/main/electron/navigation.test.ts).

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { build: Record<string, unknown>; main: string };
const afterPack = require('./afterPack.cjs') as ((context: unknown) => Promise<void>) & { FUSES: Record<string, boolean> };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A file shaped like an Electron binary where fuses are concerned: bytes, sentinel, wire. */
function standInBinary(file: string, wireLength = 9): void {
  const wire = Buffer.alloc(wireLength, FuseState.ENABLE);
  writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, wireLength]), wire, Buffer.alloc(4096, 9)]));
}

describe('packaging', () => {
  it('has an electron-builder config that ships the built app and runs the fuse hook', () => {
    const build = pkg.build;
    expect(build).toMatchObject({ appId: 'org.tagdesk.desk', productName: 'Tagdesk', asar: true, afterPack: './scripts/afterPack.cjs' });
    expect(build.files).toContain('out/**/*');
    expect(pkg.main.startsWith('out/')).toBe(true);
    // The native SQLite driver cannot load from inside an asar archive.
    expect(build.asarUnpack).toContain('node_modules/better-sqlite3/**');
    for (const os of ['linux', 'mac', 'win']) expect(build[os], os).toBeDefined();
  });

  it('flips every fuse of the packaged binary: no Node mode, no NODE_OPTIONS or --inspect, code only from the checked asar', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagdesk-fuses-'));
    try {
      standInBinary(join(dir, 'tagdesk'));
      await afterPack({ electronPlatformName: 'linux', arch: 1, appOutDir: dir, packager: { appInfo: { productFilename: 'Tagdesk' }, executableName: 'tagdesk' } });
      const wire = await getCurrentFuseWire(join(dir, 'tagdesk'));
      const state = (o: FuseV1Options) => (wire as Record<number, FuseState>)[o];
      expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
      expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
      expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
      expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
      expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
      // Every fuse Electron knows is set on purpose: a new Electron with more fuses fails the hook.
      expect(Object.keys(afterPack.FUSES).sort()).toEqual(Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).sort());
      standInBinary(join(dir, 'tagdesk'), 12);
      await expect(afterPack({ electronPlatformName: 'linux', arch: 1, appOutDir: dir, packager: { appInfo: { productFilename: 'Tagdesk' }, executableName: 'tagdesk' } })).rejects.toThrow(/strictlyRequireAllFuses|not long enough|Missing explicit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

