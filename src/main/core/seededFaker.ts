import type { Faker, LocaleDefinition } from '@faker-js/faker';
import { faker } from '@faker-js/faker/locale/en';

// Faker for the demo desk's data, in English, from a seed.
//
// Importing '@faker-js/faker' itself loads every one of its locales: about 300 ms at each
// start of the app and of every CLI command, for data only `seed` makes. The English entry
// point loads one. Its instance is English over faker's base locale; a generator built on
// its definitions gives the same values as `new Faker({ locale: [en], seed })` did, for
// every definition English has (the demo's data is unchanged, value for value).
type FakerClass = new (options: { locale: LocaleDefinition; seed: number }) => Faker;

export function seededFaker(seed: number): Faker {
  return new (faker.constructor as FakerClass)({ locale: faker.rawDefinitions, seed });
}
