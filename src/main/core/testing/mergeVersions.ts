import type { CustomerRecord } from '../../../shared/customerApi';

/** Anyone who can read a record (a test's signed-in person, a desk's connection). */
interface Reader {
  call(method: 'customers.record', input: { customerId: string }): Promise<CustomerRecord>;
}

/** The versions of two records as a merge screen would show them now: what customers.merge is sent with. */
export async function mergeVersions(reader: Reader, survivorId: string, mergedId: string): Promise<{ survivorVersion: number; mergedVersion: number }> {
  const [s, m] = await Promise.all([reader.call('customers.record', { customerId: survivorId }), reader.call('customers.record', { customerId: mergedId })]);
  return { survivorVersion: s.customer.version, mergedVersion: m.customer.version };
}
