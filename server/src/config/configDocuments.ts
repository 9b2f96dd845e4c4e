// The folder configuration (accesspolicy.config.json) in the editor: which open documents are
// one, their diagnostics (the core's parseConfig, one per document version), and hover and
// completion from vscode-json-languageservice driven by the generated config schema, narrowed to
// the document's own environments (so `values` offers and explains exactly those names). The
// policy features leave these documents alone.
import { getLanguageService, type LanguageService } from 'vscode-json-languageservice';
import { parse as parseJsonc } from 'jsonc-parser';
import { MarkupKind, type CompletionList, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_SCHEMA, isConfigFilePath, parseConfig, type ConfigParseResult, type JsonSchema } from '../../../core/src';
import { CONFIG_LANGUAGE_ID } from '../../../common/src';

export function isConfigDocument(document: Pick<TextDocument, 'uri' | 'languageId'>): boolean {
  return document.languageId === CONFIG_LANGUAGE_ID || isConfigFilePath(document.uri);
}

const parses = new Map<string, { version: number; result: ConfigParseResult }>();

/** The core's reading of the document at its current version (cached per version). */
export function configOf(document: TextDocument): ConfigParseResult {
  const hit = parses.get(document.uri);
  if (hit && hit.version === document.version) return hit.result;
  const result = parseConfig(document.getText());
  parses.set(document.uri, { version: document.version, result });
  return result;
}

export function forgetConfig(uri: string): void {
  parses.delete(uri);
}

let service: LanguageService | undefined;
let configuredFor: string | undefined;

/**
 * The JSON language service with the config schema for this document: `values` entries list the
 * document's environments as their properties. No schema is ever fetched (no request service).
 */
function serviceFor(document: TextDocument): LanguageService {
  // Markdown in hovers and completion docs, as the editor shows for policy files.
  service ??= getLanguageService({
    clientCapabilities: {
      textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { documentationFormat: ['markdown'] } } },
    },
  });
  const environments = environmentsIn(document.getText());
  const key = JSON.stringify(environments);
  if (configuredFor !== key) {
    const schema = withMarkdown(structuredClone(CONFIG_SCHEMA)) as JsonSchema & {
      properties: Record<string, JsonSchema & { additionalProperties: JsonSchema & { properties?: Record<string, unknown> } }>;
    };
    schema.properties.values.additionalProperties.properties = Object.fromEntries(
      environments.map(([name, tenant, cloud]) => [
        name,
        { type: 'string', markdownDescription: `This value in environment \`${name}\` (tenant \`${tenant}\`, cloud \`${cloud}\`).` },
      ]),
    );
    service.configure({
      validate: false,
      allowComments: true,
      schemas: [{ uri: `accesspolicy-config://schema/${encodeURIComponent(key)}`, fileMatch: ['*'], schema: schema as never }],
    });
    configuredFor = key;
  }
  return service;
}

/** [name, tenant, cloud] of each environment the text names, read leniently (it may be half typed). */
function environmentsIn(text: string): [string, string, string][] {
  const value = parseJsonc(text, [], { allowTrailingComma: true }) as
    { environments?: Record<string, { tenant?: unknown; cloud?: unknown }> } | undefined;
  const envs = value && typeof value === 'object' && value.environments && typeof value.environments === 'object' ? value.environments : {};
  return Object.entries(envs).map(([name, env]) => [
    name,
    typeof env?.tenant === 'string' ? env.tenant : '?',
    typeof env?.cloud === 'string' ? env.cloud : 'global',
  ]);
}

/** The schema's descriptions as Markdown (they use `code` spans), which the service prefers. */
function withMarkdown(node: unknown): unknown {
  if (Array.isArray(node)) node.forEach(withMarkdown);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.description === 'string' && o.markdownDescription === undefined) o.markdownDescription = o.description;
    if (Array.isArray(o.enumDescriptions) && o.markdownEnumDescriptions === undefined) o.markdownEnumDescriptions = o.enumDescriptions;
    for (const v of Object.values(o)) withMarkdown(v);
  }
  return node;
}

export async function configHover(document: TextDocument, position: Position): Promise<Hover | null> {
  const json = serviceFor(document);
  const hover = await json.doHover(document, position, json.parseJSONDocument(document));
  if (!hover) return null;
  // One Markdown block, as the policy hovers are (the service may answer with MarkedStrings).
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  const value = parts.map((p) => (typeof p === 'string' ? p : p.value)).join('\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: hover.range };
}

export async function configCompletion(document: TextDocument, position: Position): Promise<CompletionList | null> {
  const json = serviceFor(document);
  return (await json.doComplete(document, position, json.parseJSONDocument(document))) ?? null;
}
