import { join } from 'node:path';
import ts from 'typescript';

/**
 * Reads libs/contracts with the TypeScript checker and renders what is derived from it: the OpenAPI schemas of its
 * types (libs/core/src/http/contract-schemas.ts) and the socket event table (docs/socket-events.md).
 * scripts/contract-docs.ts writes them; scripts/contract-docs.spec.ts fails when either is stale.
 */

export const SCHEMAS_FILE = 'libs/core/src/http/contract-schemas.ts';
export const SOCKET_DOC_FILE = 'docs/socket-events.md';
const CONTRACT_INDEX = 'libs/contracts/src/index.ts';
/** The socket event maps: documented as a table, not as schemas (their payloads are schemas of their own). */
const EVENT_MAPS = { server: 'ServerEvents', client: 'ClientEvents', kiosk: 'KioskClientEvents' } as const;
const EVENT_MAP_NAMES = new Set<string>(Object.values(EVENT_MAPS));

export interface Schema {
  $ref?: string;
  type?: 'string' | 'number' | 'boolean' | 'object' | 'array';
  format?: string;
  enum?: (string | number | boolean | null)[];
  nullable?: boolean;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}

interface Contract {
  checker: ts.TypeChecker;
  /** Every exported interface and type alias of the contract, by name. */
  types: Map<string, ts.Symbol>;
}

function loadContract(root: string): Contract {
  const program = ts.createProgram([join(root, CONTRACT_INDEX)], {
    strict: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(join(root, CONTRACT_INDEX));
  const moduleSymbol = index && checker.getSymbolAtLocation(index);
  if (!moduleSymbol) throw new Error(`${CONTRACT_INDEX} not found`);
  const types = new Map<string, ts.Symbol>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    types.set(symbol.getName(), symbol);
  }
  return { checker, types };
}

function docOf(symbol: ts.Symbol, checker: ts.TypeChecker): string | undefined {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/** A generic type has no schema of its own (WsAck<T>, ListenersOf<M>): only its uses with arguments could. */
function isGeneric(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => (ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d)) && (d.typeParameters?.length ?? 0) > 0);
}

class SchemaWriter {
  constructor(private readonly contract: Contract) {}

  /** The contract's own name for this type, when it is one of its non-generic exports. */
  private nameOf(type: ts.Type): string | null {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol || type.aliasTypeArguments?.length) return null;
    const own = this.contract.types.get(symbol.getName());
    return own === symbol && !isGeneric(symbol) && !EVENT_MAP_NAMES.has(symbol.getName()) ? symbol.getName() : null;
  }

  schema(type: ts.Type, root = false): Schema {
    const { checker } = this.contract;
    const name = root ? null : this.nameOf(type);
    if (name) return { $ref: `#/components/schemas/${name}` };
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (type.flags & ts.TypeFlags.Null) return { nullable: true, enum: [null] };
    if (type.isUnion()) return this.union(type.types);
    if (type.isStringLiteral()) return { type: 'string', enum: [type.value] };
    if (type.isNumberLiteral()) return { type: 'number', enum: [type.value] };
    if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [checker.typeToString(type) === 'true'] };
    if (type.flags & ts.TypeFlags.String) return { type: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
    if (checker.isArrayType(type)) return { type: 'array', items: this.schema(checker.getTypeArguments(type as ts.TypeReference)[0]) };
    const symbolName = type.getSymbol()?.getName();
    if (symbolName === 'ArrayBuffer' || symbolName === 'Uint8Array') return { type: 'string', format: 'binary' };
    if (type.flags & ts.TypeFlags.Object || type.isIntersection()) return this.object(type);
    throw new Error(`contract-docs: no schema for ${checker.typeToString(type)}`);
  }

  private union(types: ts.Type[]): Schema {
    const nullable = types.some((t) => t.flags & ts.TypeFlags.Null);
    let parts = types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    // boolean is the union true | false
    const booleans = parts.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const hasBoolean = booleans.length === 2;
    if (hasBoolean) parts = parts.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    let schema: Schema;
    if (parts.length > 0 && !hasBoolean && parts.every((t) => t.isStringLiteral())) {
      schema = { type: 'string', enum: parts.map((t) => (t as ts.StringLiteralType).value) };
    } else {
      const schemas = [...parts.map((t) => this.schema(t)), ...(hasBoolean ? [{ type: 'boolean' as const }] : [])];
      schema = schemas.length === 1 ? schemas[0] : { oneOf: schemas };
    }
    if (!nullable) return schema;
    // OpenAPI 3.0: a reference takes no siblings, so a nullable reference is wrapped
    return schema.$ref || schema.oneOf ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
  }

  private object(type: ts.Type): Schema {
    const { checker } = this.contract;
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const prop of checker.getPropertiesOfType(type)) {
      const declaration = prop.valueDeclaration ?? prop.declarations?.[0];
      const propType = declaration ? checker.getTypeOfSymbolAtLocation(prop, declaration) : checker.getTypeOfSymbol(prop);
      const description = docOf(prop, checker);
      const schema = this.schema(propType);
      properties[prop.getName()] = description ? (schema.$ref ? { allOf: [schema], description } : { ...schema, description }) : schema;
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.getName());
    }
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    const schema: Schema = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    if (index) schema.additionalProperties = this.schema(index.type);
    return schema;
  }
}

/** The OpenAPI schema of every non-generic type of the contract, by name. */
export function contractSchemas(root = process.cwd()): Record<string, Schema> {
  const contract = loadContract(root);
  const writer = new SchemaWriter(contract);
  const schemas: Record<string, Schema> = {};
  const names = [...contract.types.keys()].filter((n) => !isGeneric(contract.types.get(n)!) && !EVENT_MAP_NAMES.has(n)).sort();
  for (const name of names) {
    const symbol = contract.types.get(name)!;
    const schema = writer.schema(contract.checker.getDeclaredTypeOfSymbol(symbol), true);
    const description = docOf(symbol, contract.checker);
    schemas[name] = description ? { ...schema, description } : schema;
  }
  return schemas;
}

/** libs/core/src/http/contract-schemas.ts: the schemas, and the name -> type map that types ApiView. */
export function renderSchemasModule(root = process.cwd()): string {
  const schemas = contractSchemas(root);
  const names = Object.keys(schemas);
  return [
    '// Generated from libs/contracts by `npm run docs:contract` (scripts/contract-docs.ts); do not edit.',
    "import type * as C from '#contracts';",
    '',
    '/** Each contract type by name: ApiView checks a handler against the type it documents. */',
    'export interface ContractViews {',
    ...names.map((n) => `  ${n}: C.${n};`),
    '}',
    '',
    '/** The OpenAPI schema of each contract type, added to the document as components/schemas/<name>. */',
    'export const CONTRACT_SCHEMAS: Record<keyof ContractViews, object> = {',
    ...names.map((n) => `  ${n}: ${JSON.stringify(schemas[n])},`),
    '};',
    '',
  ].join('\n');
}

export interface SocketEventRow {
  event: string;
  direction: 'server → client' | 'client → server';
  namespace: '/' | '/kiosk';
  payload: string;
  ack: string | null;
  who: string;
}

/** The type as written in the contract (`PollView`, `TaskNotice & { daysLeft: number }`), on one line. */
function typeText(node: ts.TypeNode | undefined): string {
  return node ? node.getText().replace(/\s+/g, ' ') : 'unknown';
}

function memberType(literal: ts.TypeNode | undefined, member: string): ts.TypeNode | undefined {
  if (!literal || !ts.isTypeLiteralNode(literal)) return undefined;
  const found = literal.members.find((m) => ts.isPropertySignature(m) && m.name.getText() === member);
  return found && ts.isPropertySignature(found) ? found.type : undefined;
}

/** Every socket event of the contract's event maps, in the order the contract lists them. */
export function socketEvents(root = process.cwd()): SocketEventRow[] {
  const contract = loadContract(root);
  const rows: SocketEventRow[] = [];
  const mapOf = (name: string): ts.PropertySignature[] => {
    const declaration = contract.types.get(name)?.declarations?.find(ts.isInterfaceDeclaration);
    if (!declaration) throw new Error(`contract-docs: ${name} is not an interface of the contract`);
    return declaration.members.filter(ts.isPropertySignature);
  };
  const eventName = (m: ts.PropertySignature): string => m.name.getText().replace(/^'|'$/g, '');
  // every event says who gets it (server events) or what it does and who may send it (client events)
  const who = (m: ts.PropertySignature): string => {
    const symbol = contract.checker.getSymbolAtLocation(m.name);
    const doc = symbol && docOf(symbol, contract.checker);
    if (!doc) throw new Error(`contract-docs: the event ${eventName(m)} has no doc comment in libs/contracts/src/events.ts`);
    return doc;
  };
  for (const m of mapOf(EVENT_MAPS.server)) {
    rows.push({ event: eventName(m), direction: 'server → client', namespace: '/', payload: typeText(m.type), ack: null, who: who(m) });
  }
  for (const [map, namespace] of [
    [EVENT_MAPS.client, '/'],
    [EVENT_MAPS.kiosk, '/kiosk'],
  ] as const) {
    for (const m of mapOf(map)) {
      const payload = typeText(memberType(m.type, 'payload'));
      const ack = typeText(memberType(m.type, 'ack'));
      rows.push({ event: eventName(m), direction: 'client → server', namespace, payload, ack: `WsAck<${ack}>`, who: who(m) });
    }
  }
  return rows;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** docs/socket-events.md: the AsyncAPI-style table of every socket event. */
export function renderSocketDoc(root = process.cwd()): string {
  const rows = socketEvents(root);
  const table = (direction: SocketEventRow['direction'], last: string): string[] => [
    `| Event | Namespace | Payload | ${direction === 'client → server' ? 'Ack | ' : ''}${last} |`,
    `| --- | --- | --- | ${direction === 'client → server' ? '--- | ' : ''}--- |`,
    ...rows
      .filter((r) => r.direction === direction)
      .map((r) => `| \`${r.event}\` | \`${r.namespace}\` | \`${cell(r.payload)}\` | ${r.ack ? `\`${cell(r.ack)}\` | ` : ''}${cell(r.who)} |`),
  ];
  return [
    '# Socket events',
    '',
    '<!-- Generated from libs/contracts/src/events.ts by `npm run docs:sockets`; scripts/contract-docs.spec.ts fails when it is stale. -->',
    '',
    'socket.io, main namespace `/` (authenticate with `auth: { token: <access token> }`, then `meeting:join`) and `/kiosk`',
    '(`auth: { token: <kiosk token>, meetingId }`). Payload types are in `libs/contracts` (`#contracts`).',
    'Server → client events go to rooms: `meeting:<id>` (everyone who joined the meeting), `meeting:<id>:staff`',
    '(admin, secretary, chair), `delegate:<id>` and `user:<id>`. Every client → server event is acknowledged with',
    '`{ ok: true, ...ack }` or `{ ok: false, error: { code, message, details? } }`; a meeting the caller may not see',
    'answers `NOT_FOUND`, as over HTTP.',
    '',
    '## Server → client',
    '',
    ...table('server → client', 'Who receives'),
    '',
    '## Client → server',
    '',
    ...table('client → server', 'What it does, who may send it'),
    '',
  ].join('\n');
}
