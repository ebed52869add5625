import { z } from 'zod';

// The page's Content-Security-Policy forbids eval. Zod probes for it (new Function) to
// decide whether to compile fast parsers, and the probe shows up as a CSP violation in the
// console; tell it up front not to try. Imported first by main.tsx.
z.config({ jitless: true });
