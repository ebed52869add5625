import { describe, expect, it } from 'vitest';
import { CUSTOMER_FIELD_LABEL, refusedFieldKeys, SYSTEM_FIELD_LABEL, TRANSFER_FIELD_LABEL } from './fieldLabels';

describe('refusedFieldKeys', () => {
  it('names the marked fields in the form’s order, whatever the order of the refusal', () => {
    const issues = [{ path: 'asset.warrantyEnd' }, { path: 'customer.phone' }, { path: 'customer.name' }, { path: 'asset.productLine' }];
    expect(refusedFieldKeys(issues, { ...CUSTOMER_FIELD_LABEL, ...SYSTEM_FIELD_LABEL })).toEqual(['record.name', 'customer.phone', 'record.productLine', 'record.warrantyEnd']);
  });
  it('reads a bare path, and leaves out what the form has no field for', () => {
    expect(refusedFieldKeys([{ path: 'date' }, { path: 'somethingElse' }], TRANSFER_FIELD_LABEL)).toEqual(['transfer.date']);
    expect(refusedFieldKeys([], CUSTOMER_FIELD_LABEL)).toEqual([]);
  });
});
