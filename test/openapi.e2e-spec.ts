import { RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { HttpClient } from './utils/http.js';
import { startTestApp, type TestApp } from './utils/test-app.js';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: Schema | boolean;
  enum?: unknown[];
}
interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  operationId: string;
  responses: Record<string, ResponseObject>;
  requestBody?: { content?: Record<string, MediaType> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** @nestjs/swagger's metadata key of @ApiExcludeEndpoint (its constants are not exported). */
const EXCLUDED = 'swagger/apiExcludeEndpoint';
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ERROR_SCHEMA = '#/components/schemas/ApiErrorBody';

/** A schema that says something: a reference, a type or a composition (an empty `{}` or bare `object` does not). */
function describes(schema: Schema | undefined, doc: OpenApiDocument): boolean {
  if (!schema) return false;
  if (schema.$ref) {
    const target = doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    return target !== undefined && describes(target, doc);
  }
  if (schema.allOf?.length || schema.oneOf?.length || schema.enum?.length) return true;
  if (schema.type === 'array') return describes(schema.items, doc);
  if (schema.type === 'object') return Object.keys(schema.properties ?? {}).length > 0 || typeof schema.additionalProperties === 'object';
  return schema.type !== undefined;
}

/** Every operation of the document as "METHOD /path" -> operation. */
function operationsOf(doc: OpenApiDocument): Map<string, Operation> {
  const ops = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths)) for (const m of HTTP_METHODS) if (item[m]) ops.set(`${m.toUpperCase()} ${path}`, item[m]);
  return ops;
}

/** Why the operation's 2xx answer is not documented, or null when it is (a JSON body schema, a 204, or a file's content type). */
function missingSuccess(op: Operation, doc: OpenApiDocument): string | null {
  const ok = Object.entries(op.responses).filter(([code]) => /^2\d\d$/.test(code));
  if (ok.length === 0) return 'no 2xx response';
  for (const [code, res] of ok) {
    if (code === '204' && !res.content) return null;
    for (const [type, media] of Object.entries(res.content ?? {})) {
      if (type === 'application/json' ? describes(media.schema, doc) : media.schema?.format === 'binary' || media.schema?.type === 'string') return null;
    }
  }
  return `2xx without a body schema (${ok.map(([c]) => c).join(', ')})`;
}

interface Handler {
  /** The document's operation id: ControllerName_method. */
  operationId: string;
  takesBody: boolean;
  /** What the route answers on success: @HttpCode, else 201 for POST and 200 otherwise (as Nest does). */
  status: number;
}

/** Every documented controller method of the running app, from Nest's own route metadata. */
function handlersOf(t: TestApp): Handler[] {
  const handlers: Handler[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctor = wrapper.metatype as Type | null;
      if (!ctor) continue;
      for (const name of Object.getOwnPropertyNames(ctor.prototype)) {
        const handler: unknown = Reflect.get(ctor.prototype, name);
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || Reflect.getMetadata(EXCLUDED, handler)) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, ctor, name) ?? {}) as Record<string, unknown>;
        handlers.push({
          operationId: `${ctor.name}_${name}`,
          takesBody: Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY)),
          status: (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === RequestMethod.POST ? 201 : 200),
        });
      }
    }
  }
  return handlers;
}

describe('OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ops: Map<string, Operation>;

  beforeAll(async () => {
    t = await startTestApp();
    const res = await new HttpClient(t.url).get<OpenApiDocument>('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    ops = operationsOf(doc);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('documents the 2xx answer of every operation', () => {
    const missing = [...ops].map(([key, op]) => [key, missingSuccess(op, doc)] as const).filter(([, why]) => why !== null);
    process.stdout.write(`[openapi] ${ops.size} operations, ${ops.size - missing.length} with a documented 2xx answer\n`);
    expect(missing.map(([key, why]) => `${key}: ${why}`)).toEqual([]);
  });

  it('documents every handler of the app, with the status it answers', () => {
    const byId = new Map([...ops.values()].map((op) => [op.operationId, op]));
    const wrong = handlersOf(t)
      .filter((h) => !byId.get(h.operationId)?.responses[String(h.status)])
      .map((h) => `${h.operationId}: answers ${h.status}, documents ${Object.keys(byId.get(h.operationId)?.responses ?? {}).join(', ') || 'nothing'}`);
    expect(wrong).toEqual([]);
  });

  it('documents the request body of every handler that takes @Body()', () => {
    const byId = new Map([...ops.values()].map((op) => [op.operationId, op]));
    const missing = handlersOf(t)
      .filter((h) => h.takesBody)
      .filter((h) => !Object.values(byId.get(h.operationId)?.requestBody?.content ?? {}).some((media) => describes(media.schema, doc)))
      .map((h) => h.operationId);
    expect(missing).toEqual([]);
  });

  it('documents the one error shape on every operation', () => {
    expect(describes(doc.components.schemas.ApiErrorBody, doc)).toBe(true);
    const missing = [...ops]
      .filter(([, op]) => !Object.entries(op.responses).some(([code, res]) => /^(4\d\d|default)$/.test(code) && res.content?.['application/json']?.schema?.$ref === ERROR_SCHEMA))
      .map(([key]) => key);
    expect(missing).toEqual([]);
  });
});
