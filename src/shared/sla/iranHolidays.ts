// Iran's official holidays for an example business-hours calendar (a Tehran call centre,
// Saturday to Wednesday). Solar ones are fixed days of the Solar Hijri year; religious
// ones are fixed days of the lunar Hijri year. Both are turned into Gregorian dates with
// Intl's calendars ('persian', 'islamic-umalqura'), so nothing here is a hand-kept table.
// Iran fixes its lunar dates by moon sighting, which can differ by a day from Umm al-Qura:
// an admin corrects those in the calendar editor once they are announced.

export interface Holiday {
  date: string;
  name: string;
}

/** [month, day, name] on the Solar Hijri calendar. */
const SOLAR: readonly (readonly [number, number, string])[] = [
  [1, 1, 'نوروز'],
  [1, 2, 'نوروز'],
  [1, 3, 'نوروز'],
  [1, 4, 'نوروز'],
  [1, 12, 'روز جمهوری اسلامی'],
  [1, 13, 'روز طبیعت'],
  [3, 14, 'رحلت امام خمینی'],
  [3, 15, 'قیام ۱۵ خرداد'],
  [11, 22, 'پیروزی انقلاب اسلامی'],
  [12, 29, 'ملی شدن صنعت نفت'],
];

/** [month, day, name] on the lunar Hijri calendar. */
const LUNAR: readonly (readonly [number, number, string])[] = [
  [1, 9, 'تاسوعا'],
  [1, 10, 'عاشورا'],
  [2, 20, 'اربعین'],
  [2, 28, 'رحلت پیامبر و شهادت امام حسن'],
  [3, 8, 'شهادت امام حسن عسکری'],
  [3, 17, 'میلاد پیامبر و امام صادق'],
  [6, 3, 'شهادت حضرت فاطمه'],
  [7, 13, 'ولادت امام علی'],
  [7, 27, 'مبعث'],
  [8, 15, 'ولادت امام مهدی'],
  [9, 21, 'شهادت امام علی'],
  [10, 1, 'عید فطر'],
  [10, 2, 'عید فطر'],
  [10, 25, 'شهادت امام صادق'],
  [12, 10, 'عید قربان'],
  [12, 18, 'عید غدیر'],
];

/** On the last day of Safar, which has 29 days or 30 (Iran keeps it on the 30th, or the 29th when Safar has no 30th). */
const END_OF_SAFAR = 'شهادت امام رضا';

/** Every official holiday falling in the given Gregorian years, in date order. */
export function iranHolidays(fromYear: number, toYear: number): Holiday[] {
  const solar = reader('persian');
  const lunar = reader('islamic-umalqura');
  const out: Holiday[] = [];
  for (let ms = Date.UTC(fromYear, 0, 1); ms < Date.UTC(toYear + 1, 0, 1); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const s = solar(ms);
    const l = lunar(ms);
    const names = new Set<string>();
    for (const [m, d, name] of SOLAR) if (s.month === m && s.day === d) names.add(name);
    for (const [m, d, name] of LUNAR) if (l.month === m && l.day === d) names.add(name);
    if (l.month === 2 && l.day >= 29 && lunar(ms + 86_400_000).month === 3) names.add(END_OF_SAFAR);
    if (names.size) out.push({ date, name: [...names].join('، ') });
  }
  return out;
}

function reader(calendar: string): (ms: number) => { month: number; day: number } {
  const format = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  return (ms) => {
    const parts = format.formatToParts(ms);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return { month: get('month'), day: get('day') };
  };
}
