// Markdown for hovers: a property's doc, an `@odata.type` value's type card, an enum value's
// meaning. Pure functions of (API version, JSON path, document value), so the language server
// and tests get the same text.
import type { ApiVersion } from '../diagnostic';
import type { JsonPath } from '../parse';
import { valueAt } from '../jsonPath';
import { schemaNavigator } from '../schemas';
import { enumValueDoc } from './enumDocs';
import { typeDoc, type SkeletonEntry } from './typeDocs';
import { definitionOf, propertyFacts, propertyLocations, type PropertyFacts } from './schemaFacts';
import { slotAt, slotInfo, slotsForType } from './slots';
import { odataTypeName, shortTypeName } from '../graphNames';
import { isSubjectSetType } from './subjectTypes';

const OTHER: Record<ApiVersion, ApiVersion> = { 'v1.0': 'beta', beta: 'v1.0' };

/** Hover for the property whose key or value is at `path` (the property's own path). */
export function propertyHover(version: ApiVersion, path: JsonPath, document: unknown): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const locations = propertyLocations(version, path, document);
  const nav = schemaNavigator(version);
  // The property's documentation is the schema's own (schemas/inputs/docs/, written into the schema
  // by the generator), so plain JSON tooling pointed at the schema shows the same words.
  const located = locations.find((l) => l.schema.markdownDescription) ?? locations[0];
  if (!located) {
    return `**\`${key}\`** is not a property of this object in Graph ${version}.`;
  }
  const facts = propertyFacts(nav, located.schema);
  const doc = located.schema.markdownDescription;
  const owners = [...new Set(locations.map((l) => l.owner))];
  const lines = [`**\`${key}\`** · ${ownersLabel(owners)} · Graph ${version}`, ''];
  if (doc) lines.push(doc, '');
  lines.push(factsLine(facts));
  return lines.join('\n');
}

function ownersLabel(owners: string[]): string {
  if (owners.length === 1) return owners[0] === 'policy' ? 'policy' : `\`${owners[0]}\``;
  return `${owners.length} subject types`;
}

function factsLine(facts: PropertyFacts): string {
  const parts = [`Type: ${facts.typeLabel}${facts.nullable ? ' or null' : ''}`];
  if (facts.values && facts.values.length > 0) parts.push(`Allowed: ${facts.values.map((v) => `\`${v}\``).join(', ')}`);
  if (facts.readOnly) parts.push('Read-only: set by Graph, not sent');
  return parts.join(' · ');
}

/** Hover for an enum (or constant) value at `path`; falls back to the property's hover. */
export function valueHover(version: ApiVersion, path: JsonPath, document: unknown, value: unknown): string | undefined {
  const key = path[path.length - 1];
  // Values inside an array of enums (daysOfWeek): the property is the array.
  const propPath = typeof key === 'number' ? path.slice(0, -1) : path;
  const propKey = propPath[propPath.length - 1];
  if (propKey === '@odata.type' && typeof value === 'string') {
    return typeHover(version, value, slotAt(version, propPath.slice(0, -1), valueAt(document, propPath.slice(0, -1))));
  }
  const property = propertyHover(version, propPath, document);
  if (typeof value !== 'string' || typeof propKey !== 'string') return property;
  const nav = schemaNavigator(version);
  for (const loc of propertyLocations(version, propPath, document)) {
    const facts = propertyFacts(nav, loc.schema);
    if (!facts.values) continue;
    const known = facts.values.includes(value);
    const meaning = enumValueDoc([facts.graphType, `${loc.owner}.${propKey}`], value);
    const head = `**\`${value}\`** · value of \`${propKey}\``;
    if (!known) {
      return [head, '', `Not an allowed value here. Allowed: ${facts.values.map((v) => `\`${v}\``).join(', ')}.`].join('\n');
    }
    return [head, '', meaning ?? 'No description is known for this value.', '', '---', '', property ?? ''].join('\n');
  }
  return property;
}

export interface SlotContext {
  label: string;
  allowedTypes: readonly string[];
}

/** The type card for an `@odata.type` value, accurate to `version`. */
export function typeHover(version: ApiVersion, odataType: string, here?: SlotContext): string | undefined {
  const name = shortTypeName(odataType);
  const doc = typeDoc(odataType);
  const full = `#microsoft.graph.${name}`;
  const def = definitionOf(version, full);
  const otherDef = definitionOf(OTHER[version], full);
  const lines: string[] = [`**${name}** · \`${full}\` · Graph ${version}`, ''];
  if (!doc && !def) {
    return [...lines, `Graph ${version} policies have no type \`${full}\`.`].join('\n');
  }
  if (doc) lines.push(doc.summary, '', `**Who acts:** ${doc.whoActs}`, '');
  if (!def && doc && !isSubjectSetType(name)) {
    // Stage and policy type names are plain values of their `@odata.type`, not separate definitions.
    const note = doc.notes?.[version];
    if (note) lines.push(note);
    return lines.join('\n').trimEnd();
  }
  if (!def) {
    lines.push(`**Not available in Graph ${version}.**${otherDef ? ` It exists in ${OTHER[version]}.` : ''}`);
    return lines.join('\n');
  }
  const props = Object.keys(def.properties ?? {}).filter((p) => p !== '@odata.type');
  const nav = schemaNavigator(version);
  if (props.length === 0) {
    lines.push(`**Properties (${version}):** none besides \`@odata.type\`.`);
  } else {
    const items = props.map((p) => {
      const facts = propertyFacts(nav, def.properties![p]);
      return `\`${p}\`: ${facts.typeLabel}${facts.readOnly ? ' (read-only)' : ''}`;
    });
    lines.push(`**Properties (${version}):** ${items.join(', ')}`);
  }
  if (doc && isSubjectSetType(name)) {
    const slots = slotsForType(version, full)
      .map((s) => slotInfo(version, s)?.label)
      .filter((l): l is string => !!l);
    lines.push(
      '',
      slots.length > 0
        ? `**Allowed in (${version}):** ${slots.join('; ')}`
        : `**Allowed in (${version}):** no approver, target, requestor or reviewer list of a ${version} policy.`,
    );
    if (here && !here.allowedTypes.includes(odataTypeName(full))) {
      lines.push('', `⚠ Not accepted here (${here.label}).`);
    }
  }
  const note = doc?.notes?.[version];
  if (note) lines.push('', note);
  if (doc?.inferred) lines.push('', `_Inferred: ${doc.inferred}_`);
  const example = exampleObject(version, full);
  if (example) lines.push('', '```json', example, '```');
  return lines.join('\n');
}

/** A short JSON example of an object of this type in this version, or undefined. */
export function exampleObject(version: ApiVersion, full: string): string | undefined {
  const skeleton = typeDoc(full)?.skeleton?.[version];
  if (!skeleton) return undefined;
  const obj: Record<string, unknown> = { '@odata.type': full };
  for (const e of skeleton) obj[e.key] = 'placeholder' in e ? exampleValue(e) : e.value;
  return JSON.stringify(obj, null, 2);
}

function exampleValue(e: SkeletonEntry & { placeholder: string }): string {
  return /id$/i.test(e.placeholder) ? '00000000-0000-0000-0000-000000000000' : `<${e.placeholder}>`;
}
