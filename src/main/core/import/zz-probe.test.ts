import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { testDesk } from '../testing/deskHarness';

const open = async () => {
  const t = await testDesk({ demo: false });
  await (await t.as(null)).call('desk.initialize', { mode: 'empty' });
  const dir = mkdtempSync(join(tmpdir(), 'tagdesk-probe-'));
  const admin = await t.as('Desk admin');
  return { ...t, admin, dir };
};
const show = (label: string, r: any) => console.log(label, JSON.stringify({ imported: r.imported, existing: r.existing, rejected: r.rejected, firstRejects: r.firstRejects.map((x: any) => ({ row: x.row, key: x.key, reason: x.reason })) }, null, 1));

it('probe', async () => {
  const { admin, desk, dir } = await open();
  const f = join(dir, 'centre.csv');
  const rows = [
    'Name,Phone,Email,Segment,Country,Service tag,Product line,Model,Ship date,Warranty end,Notes',
    'Ada Park,+1 512 555 0177,ada@example.com,home,US,ADA1234,Latitude,Latitude 5440,2024-01-15,2027-01-15,ok',
    'Bad Phone,12,bp@example.com,home,US,,,,,,',
    'Vip Corp,+1 512 555 0101,vip@example.com,vip,US,,,,,,',
    'Dup Tag,+1 512 555 0102,dup@example.com,home,US,ADA1234,Latitude,Latitude 5440,2024-01-15,2027-01-15,',
    ',+1 512 555 0103,noname@example.com,home,US,,,,,,',
    'سارا احمدی,۰۹۱۲ ۳۴۵ ۶۷۸۹,sara@example.ir,home,IR,,,,,,',
    'Multi Line,+1 512 555 0104,ml@example.com,home,US,,,,,,"first line\r\nsecond line"',
    'Semi Colon,+1 512 555 0105,semi@example.com,home,US,,,,,,broken; needs part',
    'Last Good,+1 512 555 0106,last@example.com,small business,US,,,,,,',
    'Bad After,99,ba@example.com,home,US,,,,,,',
  ];
  writeFileSync(f, '\uFEFF' + rows.join('\r\n') + '\r\n');
  const mapping = { serviceTag: 'Service tag', productLine: 'Product line', shipDate: 'Ship date', warrantyEnd: 'Warranty end' };
  const r = await admin.call('import.run', { from: 'csv', files: [f], mapping, rejectsPath: join(dir, 'r.jsonl') });
  show('centre', r);
  console.log(readFileSync(join(dir, 'r.jsonl'), 'utf8'));
  console.log(desk.db.sqlite.prepare('select name, phone, email, segment from customers').all());
  const r2 = await admin.call('import.run', { from: 'csv', files: [f], mapping, rejectsPath: join(dir, 'r2.jsonl') });
  show('again', r2);

  const eu = join(dir, 'eu.csv');
  writeFileSync(eu, '\uFEFFName;Phone;Email;Segment;Country\r\nMüller, Hans;+49 30 1234567;hans@example.de;home;DE\r\nSchmidt GmbH;+49 30 7654321;info@schmidt.example;small business;DE\r\n');
  const r3 = await admin.call('import.run', { from: 'csv', files: [eu], rejectsPath: join(dir, 'r3.jsonl') });
  show('eu', r3);
  console.log(desk.db.sqlite.prepare("select name, phone, email, segment from customers where country='DE'").all());

  const xl = join(dir, 'book.xlsx');
  const zipish = Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000\u0008\u0000[Content_Types].xml,abc\u0000\u0001;'), Buffer.alloc(2000, 7)]);
  writeFileSync(xl, zipish);
  const peek = await admin.call('import.peek', { from: 'csv', file: xl });
  console.log('xlsx peek', JSON.stringify(peek));
  const r4 = await admin.call('import.run', { from: 'csv', files: [xl], rejectsPath: join(dir, 'r4.jsonl') });
  show('xlsx', r4);
  const fd = await admin.call('import.run', { from: 'freshdesk', files: [xl], rejectsPath: join(dir, 'r5.jsonl') });
  show('xlsx-fd', fd);
  const txt = join(dir, 'notes.txt');
  writeFileSync(txt, 'Hello team, here are the notes\nfrom the meeting\n');
  show('txt', await admin.call('import.run', { from: 'csv', files: [txt], rejectsPath: join(dir, 'r6.jsonl') }));
  desk.close();
});
