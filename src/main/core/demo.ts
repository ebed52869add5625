import type { Faker } from '@faker-js/faker';
import { seededFaker } from './seededFaker';
import { DEMO_USERS } from '../../shared/demoPeople';
import {
  actorOf,
  ESCALATION_REASONS,
  RESOLUTION_CODES,
  SEGMENTS,
  type Actor,
  type Priority,
  type Segment,
  type ServiceLevel,
  type Tier,
  type User,
} from '../../shared/domain';
import type { TicketCommand } from '../../shared/ticketMachine';
import type { Sql } from './db/exec';
import { uuidv7 } from './ids';
import { nameKey } from './lookup';
import { customerWords } from './customers/nameWords';
import type { TicketStore } from './ticketStore';
import type { UserDirectory } from './users';

// Demo data: a realistic desk from a seed. The same seed and sizes give the same customers,
// systems and histories. Ticket histories are not invented rows: each ticket is driven
// through the real ticket service, so every demo ticket is a valid replay of its events.

export interface DemoOptions {
  seed: number;
  customers: number;
  now: number;
}

export { DEMO_USERS };

/** Records the demo always has, so people and tests can rely on them. */
export const SHOWCASE = {
  lakeside: { name: 'Lakeside Unified School District', tag: '7XK2QF1', phone: '+15125550142', email: 'it-desk@lakeside-usd.example' },
  maria: { name: 'Maria Gonzalez', tag: 'HX4P9R2', phone: '+14155550199', email: 'maria.gonzalez@example.com' },
  jordans: ['Jordan Lee', 'Jordan Patel'],
};

export const PRODUCTS: Record<string, string[]> = {
  Latitude: ['Latitude 5450', 'Latitude 7440', 'Latitude 9450 2-in-1', 'Latitude 3550'],
  OptiPlex: ['OptiPlex 7020 Micro', 'OptiPlex 5000 Tower', 'OptiPlex All-in-One 7410'],
  Precision: ['Precision 3680 Tower', 'Precision 5690', 'Precision 7780'],
  XPS: ['XPS 13 9345', 'XPS 14 9440', 'XPS 16 9640'],
  Inspiron: ['Inspiron 14 5440', 'Inspiron 16 Plus 7640', 'Inspiron 24 All-in-One'],
  PowerEdge: ['PowerEdge R760', 'PowerEdge T560', 'PowerEdge R660xs'],
  Vostro: ['Vostro 3530', 'Vostro 3030 Small Desktop'],
};
export const LINES_BY_SEGMENT: Record<Segment, string[]> = {
  education: ['Latitude', 'OptiPlex', 'Vostro'],
  government: ['Latitude', 'OptiPlex', 'Precision', 'PowerEdge'],
  small_business: ['Vostro', 'Latitude', 'OptiPlex', 'PowerEdge'],
  large_enterprise: ['Latitude', 'Precision', 'OptiPlex', 'PowerEdge'],
  home: ['XPS', 'Inspiron'],
};
export const WARRANTIES: Record<ServiceLevel, string[]> = {
  premier: ['ProSupport Plus', 'ProSupport'],
  standard: ['ProSupport', 'Basic Onsite'],
  basic: ['Basic', 'Premium Support'],
};
export const SUBJECTS = [
  'No power after BIOS update',
  'Battery not charging past 80%',
  'Blue screen on wake from sleep',
  'Docking station not detecting monitors',
  'Fan noise under light load',
  'Keyboard keys unresponsive',
  'Wi-Fi drops every few minutes',
  'Hard drive SMART warning',
  'Display flickers at low brightness',
  'RAID controller degraded',
  'Touchpad erratic after driver update',
  'Cannot boot: no bootable device',
  'Replacement AC adapter request',
  'Thunderbolt port stopped working',
  'Overheating during video calls',
];

// A share of the home and small-business customers are Persian-named (a desk in Iran, or a
// diaspora's): real names, some written with the zero-width non-joiner, each with the Latin
// spelling its email uses. Chosen with their own random stream, so every other customer,
// system and ticket comes out exactly as before.
export const PERSIAN_FIRST: ReadonlyArray<readonly [string, string]> = [
  ['علی', 'ali'], ['محمد', 'mohammad'], ['رضا', 'reza'], ['حسین', 'hossein'], ['مهدی', 'mahdi'], ['آرش', 'arash'],
  ['کوروش', 'kourosh'], ['سعید', 'saeed'], ['مریم', 'maryam'], ['زهرا', 'zahra'], ['فاطمه', 'fatemeh'], ['سارا', 'sara'],
  ['نرگس', 'narges'], ['لیلا', 'leila'], ['شیرین', 'shirin'], ['پریسا', 'parisa'], ['نازنین', 'nazanin'], ['یاسمن', 'yasaman'],
];
export const PERSIAN_LAST: ReadonlyArray<readonly [string, string]> = [
  ['رضایی', 'rezaei'], ['محمدی', 'mohammadi'], ['حسینی', 'hosseini'], ['کریمی', 'karimi'], ['موسوی', 'mousavi'], ['جعفری', 'jafari'],
  ['احمدی', 'ahmadi'], ['صادقی', 'sadeghi'], ['کاظمی', 'kazemi'], ['میرزایی‌نژاد', 'mirzaeinejad'], ['شجریان', 'shajarian'], ['تهرانی', 'tehrani'],
  ['یزدانی', 'yazdani'], ['نیک‌پور', 'nikpour'], ['قاسمی', 'ghasemi'], ['بهرامی', 'bahrami'],
];
export const PERSIAN_BUSINESSES: ReadonlyArray<readonly [string, string]> = [
  ['رایانه پارس', 'rayaneh-pars'], ['دفتر حسابداری نیک‌اندیش', 'nikandish'], ['کارگاه طراحی آبی', 'abi-design'], ['داروخانه سینا', 'sina-pharmacy'],
  ['چاپخانه کیان', 'kian-print'], ['آموزشگاه زبان مهر', 'mehr-language'], ['بازرگانی آریا', 'aria-trading'], ['کلینیک دندان‌پزشکی لبخند', 'labkhand-dental'],
];
/** One in three home and small-business customers after the showcase ones. */
const isPersianSlot = (index: number, segment: Segment) => (segment === 'home' || segment === 'small_business') && Math.floor(index / SEGMENTS.length) % 3 === 1;

const DAY = 86_400_000;

type Plan = 'new' | 'tier1.open' | 'tier1.pending' | 'tier2.waiting' | 'tier2.inProgress' | 'tier2.pending' | 'tier3.waiting' | 'tier3.inProgress' | 'tier3.pending' | 'resolved' | 'closed';
const PLANS: Array<[Plan, number]> = [
  ['new', 10], ['tier1.open', 14], ['tier1.pending', 7], ['tier2.waiting', 8], ['tier2.inProgress', 8], ['tier2.pending', 4],
  ['tier3.waiting', 3], ['tier3.inProgress', 3], ['tier3.pending', 2], ['resolved', 14], ['closed', 27],
];

export function seedDemo(db: Sql, users: UserDirectory, tickets: TicketStore, opts: DemoOptions): { customers: number; tickets: number } {
  const f = seededFaker(opts.seed);
  const fa = seededFaker(opts.seed + 1405);
  const persianPerson = () => {
    const [first, firstLatin] = fa.helpers.arrayElement(PERSIAN_FIRST);
    const [last, lastLatin] = fa.helpers.arrayElement(PERSIAN_LAST);
    return { name: `${first} ${last}`, latin: `${firstLatin}.${lastLatin}` };
  };
  const k = db.kysely;
  const now = opts.now;
  const usedTags = new Set<string>([SHOWCASE.lakeside.tag, SHOWCASE.maria.tag]);
  let ticketCount = 0;

  const newTag = (): string => {
    for (;;) {
      const tag = f.string.alphanumeric({ length: 7, casing: 'upper' });
      if (!usedTags.has(tag) && /\d/.test(tag)) {
        usedTags.add(tag);
        return tag;
      }
    }
  };
  const phone = (): string => `+1${f.helpers.arrayElement(['512', '415', '206', '617', '303', '919'])}555${f.string.numeric(4)}`;

  const words = customerWords(db.sqlite);
  return db.write(() => {
    const staff = DEMO_USERS.map((u) =>
      users.create({ ...u, email: `${u.name.split(' ')[0]!.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}@tagdesk.example` }, now - 400 * DAY),
    );
    const actorsFor = (segment: Segment, role: User['role'], tier: Tier): Actor[] =>
      staff.filter((u) => u.role === role && u.tier === tier && u.segments.includes(segment)).map(actorOf);

    const makeCustomer = (c: { name: string; kind: 'person' | 'organisation'; segment: Segment; level: ServiceLevel; email: string; phone: string; createdAt: number; locale?: string }): string => {
      const id = uuidv7(c.createdAt);
      words.set(id, c.name);
      db.run(
        k.insertInto('customers').values({
          id, kind: c.kind, name: c.name, name_key: nameKey(c.name), segment: c.segment, service_level: c.level,
          email: c.email.toLowerCase(), phone: c.phone, locale: c.locale ?? 'en-US', created_at: c.createdAt, updated_at: c.createdAt,
        }),
      );
      return id;
    };
    const makeAsset = (customerId: string, segment: Segment, level: ServiceLevel, tag: string, previousOwner: string | null): string => {
      const line = f.helpers.arrayElement(LINES_BY_SEGMENT[segment]);
      const ship = now - f.number.int({ min: 30, max: 6 * 365 }) * DAY;
      const years = f.helpers.arrayElement([1, 3, 3, 4, 5]);
      const id = uuidv7(ship);
      db.run(
        k.insertInto('assets').values({
          id, service_tag: tag, customer_id: customerId, product_line: line, model: f.helpers.arrayElement(PRODUCTS[line]!),
          ship_date: ship, warranty_level: f.helpers.arrayElement(WARRANTIES[level]), warranty_end: ship + years * 365 * DAY, created_at: ship,
        }),
      );
      // Systems change hands: keep who owned it before, so a call from the old owner still makes sense.
      let from = ship;
      if (previousOwner) {
        const transfer = ship + Math.floor((now - ship) * f.number.float({ min: 0.2, max: 0.8 }));
        db.run(k.insertInto('asset_owners').values({ id: uuidv7(ship), asset_id: id, customer_id: previousOwner, from_at: ship, to_at: transfer }));
        from = transfer;
      }
      db.run(k.insertInto('asset_owners').values({ id: uuidv7(from), asset_id: id, customer_id: customerId, from_at: from, to_at: null }));
      return id;
    };

    const customerIds: Array<{ id: string; segment: Segment; assets: string[] }> = [];
    const addCustomer = (segment: Segment, fixed?: { name: string; tag: string; phone: string; email: string; kind: 'person' | 'organisation' }, persian = false) => {
      const kind = fixed?.kind ?? (segment === 'home' ? 'person' : 'organisation');
      const englishName = fixed?.name ?? (kind === 'person' ? f.person.fullName() : organisationName(f, segment));
      const persianName = !persian ? null : kind === 'person' ? persianPerson() : (([n, l]) => ({ name: n, latin: l }))(fa.helpers.arrayElement(PERSIAN_BUSINESSES));
      const name = persianName?.name ?? englishName;
      const level: ServiceLevel =
        segment === 'government' || segment === 'large_enterprise' ? 'premier' : segment === 'home' ? f.helpers.weightedArrayElement([{ value: 'basic', weight: 4 }, { value: 'standard', weight: 1 }]) : f.helpers.weightedArrayElement([{ value: 'standard', weight: 3 }, { value: 'premier', weight: 1 }]);
      const domain = (persianName && kind === 'organisation' ? persianName.latin : englishName.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '').slice(0, 24)) + '.example';
      // The English email is drawn either way, so the random stream stays the same.
      const englishEmail = fixed?.email ?? (kind === 'person' ? f.internet.email({ firstName: englishName.split(' ')[0], lastName: englishName.split(' ').slice(1).join(' '), provider: 'example.com' }) : `support@${domain}`);
      const id = makeCustomer({
        name, kind, segment, level,
        email: persianName && kind === 'person' ? `${persianName.latin}@example.com` : englishEmail,
        phone: fixed?.phone ?? phone(),
        createdAt: now - f.number.int({ min: 100, max: 2000 }) * DAY,
        ...(persianName ? { locale: 'fa-IR' } : {}),
      });
      if (kind === 'organisation') {
        for (let i = 0; i < f.number.int({ min: 2, max: 5 }); i++) {
          const person = f.person.fullName();
          db.run(
            k.insertInto('contacts').values({
              id: uuidv7(now), customer_id: id, name: person, role: f.helpers.arrayElement(['IT manager', 'Procurement', 'Help-desk lead', 'Facilities', 'CTO']),
              email: `${person.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}`, phone: phone(),
            }),
          );
        }
      }
      const systems = fixed ? 1 + f.number.int({ min: 2, max: 6 }) : kind === 'person' ? f.number.int({ min: 1, max: 3 }) : f.number.int({ min: 3, max: 20 });
      const assets: string[] = [];
      for (let i = 0; i < systems; i++) {
        const previous = customerIds.length > 0 && f.number.float() < 0.08 ? f.helpers.arrayElement(customerIds).id : null;
        assets.push(makeAsset(id, segment, level, i === 0 && fixed ? fixed.tag : newTag(), previous));
      }
      const customer = { id, segment, assets };
      customerIds.push(customer);
      return customer;
    };

    const showcase = [
      addCustomer('education', { ...SHOWCASE.lakeside, kind: 'organisation' }),
      addCustomer('home', { ...SHOWCASE.maria, kind: 'person' }),
      ...SHOWCASE.jordans.map((name, i) => addCustomer('home', { name, kind: 'person', tag: newTag(), phone: `+1303555010${i}`, email: `${name.toLowerCase().replace(' ', '.')}@example.com` })),
    ];
    for (let i = showcase.length; i < opts.customers; i++) {
      const segment = SEGMENTS[i % SEGMENTS.length]!;
      addCustomer(segment, undefined, isPersianSlot(i, segment));
    }

    // Contacts beyond tickets: calls, emails and chats that never needed one.
    for (const c of customerIds) {
      for (let i = 0; i < f.number.int({ min: 0, max: 4 }); i++) {
        const at = now - f.number.int({ min: 1, max: 300 }) * DAY;
        db.run(
          k.insertInto('interactions').values({
            id: uuidv7(at), customer_id: c.id, ticket_id: null, channel: f.helpers.arrayElement(['phone', 'email', 'chat', 'web'] as const),
            direction: f.helpers.arrayElement(['inbound', 'outbound'] as const), at,
            summary: f.helpers.arrayElement(['Asked about warranty extension', 'Order status enquiry', 'Driver download help', 'Invoice question', 'Booked an on-site visit', 'Return shipping label sent']),
            user_id: null,
          }),
        );
      }
    }

    const playTicket = (c: { id: string; segment: Segment; assets: string[] }, plan: Plan, createdAt: number) => {
      const open = plan !== 'resolved' && plan !== 'closed';
      const agent = f.helpers.arrayElement(actorsFor(c.segment, 'agent', 1));
      const t2 = f.helpers.arrayElement(actorsFor(c.segment, 'specialist', 2));
      const t3 = f.helpers.arrayElement(actorsFor(c.segment, 'specialist', 3));
      let at = createdAt;
      const step = () => (at = Math.min(at + f.number.int({ min: 1, max: open ? 12 : 180 }) * 60_000, now - 30_000));
      const priority: Priority = f.helpers.weightedArrayElement([{ value: 'urgent', weight: 1 }, { value: 'high', weight: 3 }, { value: 'normal', weight: 6 }, { value: 'low', weight: 2 }]);
      const id = tickets.createInside(agent, { customerId: c.id, assetId: f.helpers.arrayElement(c.assets), subject: f.helpers.arrayElement(SUBJECTS), description: f.lorem.sentences({ min: 1, max: 3 }), priority, channel: f.helpers.arrayElement(['phone', 'phone', 'email', 'chat', 'web'] as const), at }).row.id;
      ticketCount++;
      const send = (who: Actor, command: TicketCommand) => tickets.actInside(who, id, command, step());
      const note = () => f.helpers.arrayElement(['Ran ePSA diagnostics: memory test failed', 'Customer confirmed the issue persists after update', 'Reseated the cable; no change', 'Collected logs from SupportAssist', 'Checked BIOS version: two releases behind']);
      if (plan === 'new') return;
      send(agent, { type: 'TAKE' });
      if (f.number.float() < 0.5) send(agent, { type: 'ADD_NOTE', note: note() });
      const tier = plan.startsWith('tier2') ? 2 : plan.startsWith('tier3') ? 3 : plan === 'resolved' || plan === 'closed' ? f.helpers.weightedArrayElement([{ value: 1, weight: 6 }, { value: 2, weight: 3 }, { value: 3, weight: 1 }]) : 1;
      let holder = agent;
      if (tier >= 2) {
        send(agent, { type: 'ESCALATE', reason: f.helpers.arrayElement(ESCALATION_REASONS.filter((r) => r !== 'sla_breach')), note: note() });
        if (plan === 'tier2.waiting') return;
        send(t2, { type: 'TAKE' });
        holder = t2;
      }
      if (tier === 3) {
        send(t2, { type: 'ESCALATE', reason: 'needs_specialist_skill', note: note() });
        if (plan === 'tier3.waiting') return;
        send(t3, { type: 'TAKE' });
        holder = t3;
      }
      if (plan.endsWith('pending')) {
        send(holder, { type: 'WAIT_ON_CUSTOMER', note: 'Asked the customer to run the diagnostics again and send the log' });
        return;
      }
      if (plan === 'resolved' || plan === 'closed') {
        send(holder, { type: 'RESOLVE', code: f.helpers.arrayElement(RESOLUTION_CODES), note: 'Confirmed working with the customer' });
        if (plan === 'closed') send(holder, { type: 'CLOSE' });
      }
    };

    for (const c of customerIds) {
      const n = c === showcase[0] ? 4 : f.number.int({ min: 0, max: 4 });
      for (let i = 0; i < n; i++) {
        const plan = c === showcase[0] && i === 0 ? 'closed' : f.helpers.weightedArrayElement(PLANS.map(([value, weight]) => ({ value, weight })));
        const open = plan !== 'resolved' && plan !== 'closed';
        // Open work is recent (a live desk clears its backlog); a few old ones will have
        // breached their SLA by the time the desk starts, as on any real desk.
        const age = open ? f.number.int({ min: 5, max: plan === 'new' ? 40 : 180 }) * 60_000 : f.number.int({ min: 1, max: 30 }) * DAY;
        playTicket(c, plan, now - age);
      }
    }
    db.run(k.insertInto('meta').values({ key: 'initialized', value: JSON.stringify({ mode: 'demo', seed: opts.seed, at: now }) }));
    return { customers: customerIds.length, tickets: ticketCount };
  });
}

function organisationName(f: Faker, segment: Segment): string {
  const city = f.location.city();
  switch (segment) {
    case 'education':
      return f.helpers.arrayElement([`${city} School District`, `University of ${city}`, `${city} Community College`, `${f.person.lastName()} Academy`]);
    case 'government':
      return f.helpers.arrayElement([`City of ${city}`, `${f.location.county()} Administration`, `${city} Department of Transportation`, `${f.location.state()} Revenue Agency`]);
    case 'large_enterprise': {
      // Both drawn whatever the name, so every later draw (and so the demo desk) stays the same;
      // a name that already ends in its form (Faker's "Douglas Inc") does not get a second.
      const name = f.company.name();
      const form = f.helpers.arrayElement(['Inc.', 'Group', 'Holdings', 'plc']);
      return /\b(Inc|LLC|Group|Sons)\.?$/.test(name) ? name : `${name} ${form}`;
    }
    default:
      return f.company.name();
  }
}
