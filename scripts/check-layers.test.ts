import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLayers } from './check-layers';

// The layer rule on the real tree, and on a small tree that breaks it once in every way.

describe('the real tree', () => {
  it('keeps every import in src/ to its layer', () => {
    const violations = checkLayers(resolve(import.meta.dirname, '..'));
    expect(violations.map((v) => v.message)).toEqual([]);
  });
});

// Each fixture file: path under the root, and its lines. A line ending in `// bad` must be
// reported (with that file and line); every other line must not.
const FIXTURE: Record<string, string[]> = {
  'src/shared/domain.ts': [
    "import { z } from 'zod';",
    "import { openDesk } from '../main/core/desk'; // bad",
    "import { readFileSync } from 'node:fs'; // bad",
    "import path from 'path'; // bad",
    "import { app } from 'electron'; // bad",
    "import Database from 'better-sqlite3'; // bad",
    "import { WebSocket } from 'ws'; // bad",
    "import { useState } from 'react'; // bad",
    "export * from '../renderer/labels'; // bad",
    "export type { Route } from '../renderer/route'; // bad",
    "import { other } from './other';",
  ],
  'src/shared/other.ts': ['export const other = 1;'],
  'src/shared/domain.test.ts': ["import { it } from 'vitest';", "import fc from 'fast-check';", "import { tmpdir } from 'node:os';", "import { x } from '../main/core/x'; // bad"],
  'src/main/core/desk.ts': [
    "import { z } from 'zod';",
    "import Database from 'better-sqlite3';",
    "import { join } from 'node:path';",
    "import { api } from '../../shared/api';",
    "import { BrowserWindow } from 'electron'; // bad",
    "import { serveDesk } from '../electron/deskBridge'; // bad",
    "import { startWebShell } from '../web/server'; // bad",
  ],
  'src/main/core/x.ts': ['export const x = 1;'],
  'src/main/electron/index.ts': [
    "import { app } from 'electron';",
    "import { openDesk } from '../core/desk';",
    "import { api } from '../../shared/api';",
    "import { startWebShell } from '../web/server'; // bad",
    "import { createTransport } from '../../renderer/transport'; // bad",
  ],
  'src/main/web/server.ts': [
    "import { WebSocketServer } from 'ws';",
    "import { openDesk } from '../core/desk';",
    "import { app } from 'electron'; // bad",
    "import { serveDesk } from '../electron/deskBridge'; // bad",
  ],
  'src/main/cli/index.ts': ["import { openDesk } from '../core/desk';", "import { startWebShell } from '../web/server'; // bad"],
  'src/main/stray.ts': ["export const stray = 1; // bad"],
  'src/preload/index.ts': [
    "import { contextBridge } from 'electron';",
    "import type { TagdeskBridge } from '../shared/api';",
    "import { api } from '../shared/api'; // bad",
    "import { type Push } from '../shared/api'; // bad",
    "import { readFileSync } from 'node:fs'; // bad",
    "import { z } from 'zod'; // bad",
    "import { createTransport } from '../renderer/transport'; // bad",
  ],
  'src/renderer/App.tsx': [
    "import { useState } from 'react';",
    "import { Button } from '@mantine/core';",
    "import '@mantine/core/styles.css';",
    "import { api } from '../shared/api';",
    "import { labels } from './labels';",
    "import { openDesk } from '../main/core/desk'; // bad",
    "import type { Desk } from '../main/core/desk'; // bad",
    "import { join } from 'node:path'; // bad",
    "import { ipcRenderer } from 'electron'; // bad",
    "import dayjs from 'dayjs'; // bad",
    "const fs = require('fs'); // bad",
    "const shell = await import('../main/web/server'); // bad",
    "const lazy = await import('./labels');",
    "type T = typeof import('../main/core/desk'); // bad",
    "const dynamic = await import(someName); // bad",
    'export const App = () => <div>{String(useState)}</div>;',
  ],
  'src/renderer/labels.ts': ['export const labels = {};'],
  'src/renderer/route.ts': ['export type Route = string;'],
  'src/hub/server.ts': [
    "import { api } from '../shared/api';",
    "import { openDesk } from '../main/core/desk';",
    "import { app } from 'electron'; // bad",
    "import { serveDesk } from '../main/electron/deskBridge'; // bad",
  ],
  'src/elsewhere/thing.ts': ["export const thing = 1; // bad"],
  'bench/floor.ts': [
    "import Database from 'better-sqlite3';",
    "import { ticketStatements } from '../src/main/core/ticketStatements';",
    "import { api } from '../src/shared/api';",
    "import { createWindow } from '../src/main/electron/index'; // bad",
    "import { app } from 'electron'; // bad",
  ],
  'src/main/core/ticketStatements.ts': ['export const ticketStatements = 1;'],
  'e2e/flow.spec.ts': [
    "import { test } from '@playwright/test';",
    "import { openDesk } from '../src/main/core/desk';",
    "import { en } from '../src/renderer/i18n/en';",
    "import { Button } from '@mantine/core'; // bad",
    "import { floor } from '../bench/floor'; // bad",
  ],
  'src/renderer/i18n/en.ts': ['export const en = {};'],
  'scripts/tool.mjs': ["import { parseSync } from 'vite';", "import { join } from 'node:path';", "import { app } from 'electron'; // bad", "import { App } from '../src/renderer/App.tsx'; // bad"],
  'tools/thing.ts': ["export const thing = 1;"],
};

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-layers-'));
  for (const [path, lines] of Object.entries(FIXTURE)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a tree that breaks the rule', () => {
  it('reports every bad import, with its file and line, and nothing else', () => {
    const expected = Object.entries(FIXTURE)
      .flatMap(([path, lines]) => lines.map((line, i) => ({ at: `${path}:${i + 1}`, bad: line.endsWith('// bad') })))
      .filter((l) => l.bad)
      .map((l) => l.at)
      .sort();
    const violations = checkLayers(root);
    const reported = violations.map((v) => `${v.file}:${v.line}`).sort();
    expect(reported).toEqual(expected);
    for (const v of violations) expect(v.message.startsWith(`${v.file}:${v.line}: `)).toBe(true);
  });

  it('says why, in words a person can act on', () => {
    const messages = checkLayers(root).map((v) => v.message);
    expect(messages).toContain('src/main/core/desk.ts:5: core may not import "electron": the package "electron" does not belong in core');
    expect(messages).toContain('src/preload/index.ts:3: preload may not import "../shared/api": preload may only `import type` from shared');
    expect(messages).toContain(`src/shared/domain.ts:3: shared may not import "node:fs": shared may not use Node's built-in modules`);
    expect(messages.find((m) => m.startsWith('src/renderer/App.tsx:15:'))).toContain('computed dynamic import');
    expect(messages.find((m) => m.startsWith('src/elsewhere/thing.ts:1:'))).toContain('is in no layer');
    expect(messages).toContain('src/renderer/App.tsx:10: renderer may not import "dayjs": renderer may use only the packages react, react-dom, @mantine/*, @tabler/*, @tanstack/react-virtual, zod, react-markdown, remark-gfm, csv-stringify, jalaali-js');
    expect(messages).toContain('bench/floor.ts:4: bench may not import "../src/main/electron/index": bench may import only shared, core, web, hub, renderer, bench');
  });

  it('fails a file it cannot parse instead of passing it', () => {
    const file = join(root, 'src', 'shared', 'broken.ts');
    writeFileSync(file, "import { z } from 'zod'\nexport const = ;\n");
    try {
      const broken = checkLayers(root).filter((v) => v.file === 'src/shared/broken.ts');
      expect(broken).toHaveLength(1);
      expect(broken[0]?.message).toContain('could not be parsed');
    } finally {
      rmSync(file);
    }
  });
});
