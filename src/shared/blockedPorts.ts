// The ports the WHATWG fetch standard refuses to connect to ("bad ports"): browsers and Node's
// fetch (undici) fail on them with "bad port" before sending anything, while curl gets through.
// A hub there would be reachable by hand and never by a desk, so the hub refuses to listen on
// one and a desk refuses to join one. The list is the standard's (undici's lib/web/fetch/constants.js).

const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139,
  143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659,
  4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

export const isFetchBlockedPort = (port: number): boolean => BAD_PORTS.has(port);

/** The port a hub address uses (its scheme's default when none is written), or null for an address that is not one. */
export function portOfUrl(url: string): number | null {
  const parsed = URL.parse(url);
  if (!parsed) return null;
  if (parsed.port !== '') return Number(parsed.port);
  return parsed.protocol === 'https:' ? 443 : parsed.protocol === 'http:' ? 80 : null;
}
