// Every reference code in one place (docs/rules.md, section AP4xxx, describes each): AP40xx are
// found in the file alone, AP41xx when references are resolved against a tenant (plan, apply,
// deploy, pull --portable), placed on the reference in the file all the same.
export const REFERENCE_CODES = {
  /** `${…}` that does not read as a reference: unclosed, unknown kind, wrong part count, bad escape. */
  malformed: 'AP4001',
  /** A well-formed reference where its kind does not go (a group where a user id goes, inside a longer string). */
  wrongSlot: 'AP4002',
  /** Nothing in the tenant has that name. */
  notFound: 'AP4101',
  /** Several objects in the tenant have that name. */
  ambiguous: 'AP4102',
  /** The signed-in identity may not read what the lookup needs (403): the permission is named. */
  unreadable: 'AP4103',
  /** `${var:…}` but no environment is selected (no accesspolicy.config.json, or no --env). */
  noEnvironment: 'AP4104',
  /** `${var:name}` that the selected environment has no value for. */
  unknownValue: 'AP4105',
} as const;

export type ReferenceCode = (typeof REFERENCE_CODES)[keyof typeof REFERENCE_CODES];
