import { describe, expect, it } from 'vitest';
import { FRESHDESK_STATUS, parseSourceTime, segmentFrom, serviceLevelFrom, serviceLevelNamed, textOfHtml, wantsTier2, ZENDESK_STATUS } from './importMapping';

describe('import mapping', () => {
  it('maps statuses of both sources onto the four endings the machine can reach', () => {
    expect(['new', 'open', 'hold', 'pending', 'solved', 'closed'].map((s) => ZENDESK_STATUS[s])).toEqual(['open', 'open', 'open', 'pending', 'solved', 'closed']);
    expect(['Open', 'Waiting on Customer', 'Resolved', '5'].map((s) => FRESHDESK_STATUS[s.toLowerCase()])).toEqual(['open', 'pending', 'solved', 'closed']);
  });
  it('reads times with and without zones', () => {
    expect(parseSourceTime('2024-03-05T14:22:10Z')).toBe(Date.UTC(2024, 2, 5, 14, 22, 10));
    expect(parseSourceTime('2024-03-05 14:22:10 +0530')).toBe(Date.UTC(2024, 2, 5, 8, 52, 10));
    expect(parseSourceTime('2024-03-05 14:22:10')).toBe(Date.UTC(2024, 2, 5, 14, 22, 10));
    expect(parseSourceTime('05/03/2024')).toBeNull();
  });
  it('turns HTML bodies into text', () => {
    expect(textOfHtml('<p>Hello&nbsp;<b>Ann</b></p><p>It&#39;s &lt;broken&gt; &amp; slow</p><script>x()</script>')).toBe("Hello Ann\nIt's <broken> & slow");
  });
  it('finds segments and tier-2 groups in labels', () => {
    expect(segmentFrom(null, 'Large Enterprise accounts')).toBe('large_enterprise');
    expect(segmentFrom('k12 school district')).toBe('education');
    expect(segmentFrom('vip')).toBeNull();
    expect(wantsTier2('billing', 'Tier 2 hardware')).toBe(true);
    expect(wantsTier2('first line')).toBe(false);
  });

  it('reads segments and service levels written as the Persian window names them', () => {
    expect(segmentFrom('خانگی')).toBe('home');
    expect(segmentFrom('آموزشی')).toBe('education');
    expect(segmentFrom('دولتی')).toBe('government');
    expect(segmentFrom('سازمان بزرگ')).toBe('large_enterprise');
    // With or without the half-space, with Arabic letters: the same segment.
    expect(segmentFrom('کسب‌وکار کوچک')).toBe('small_business');
    expect(segmentFrom('کسب و کار كوچك')).toBe('small_business');
    expect(segmentFrom('مشتری ویژه')).toBeNull();
    expect(serviceLevelNamed('ممتاز')).toBe('premier');
    expect(serviceLevelNamed(' استاندارد ')).toBe('standard');
    expect(serviceLevelNamed('پایه')).toBe('basic');
    expect(serviceLevelNamed('Premier')).toBe('premier');
    expect(serviceLevelNamed('gold')).toBeNull();
    expect(serviceLevelFrom('vip', 'سطح ممتاز')).toBe('premier');
    expect(serviceLevelFrom('premier-accounts')).toBe('premier');
  });
});
