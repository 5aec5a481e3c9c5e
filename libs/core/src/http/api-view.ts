import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import { CONTRACT_SCHEMAS, type ContractViews } from './contract-schemas.js';

/** What JSON.stringify makes of a value: Dates become ISO strings. */
type Wire<T> = T extends Date ? string : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type Handler = (...args: never[]) => unknown;
/** Compiles only when the handler's answer, as JSON, is the documented contract type. */
type Documents<F extends Handler, V> = [Wire<Awaited<ReturnType<F>>>] extends [V] ? unknown : { 'the handler does not return the documented contract type': V };
type TypedMethodDecorator<V> = <F extends Handler>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<F> & Documents<F, V>) => void;

export type ContractViewName = keyof ContractViews;
export interface ApiViewOptions {
  /** 201 for a POST without @HttpCode(200); test/openapi.e2e-spec.ts checks it against the route. */
  status?: 200 | 201;
  description?: string;
}

const ref = (name: ContractViewName): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });

function responseOf(schema: object, options: ApiViewOptions): MethodDecorator {
  return applyDecorators(ApiResponse({ status: options.status ?? 200, description: options.description ?? '', schema }));
}

/** Documents the 2xx body as a #contracts type (a components/schemas entry), and checks the handler returns it. */
export function ApiView<N extends ContractViewName>(name: N, options: ApiViewOptions = {}): TypedMethodDecorator<ContractViews[N]> {
  return responseOf(ref(name), options);
}

/** As ApiView, for an array of the contract type. */
export function ApiViewList<N extends ContractViewName>(name: N, options: ApiViewOptions = {}): TypedMethodDecorator<ContractViews[N][]> {
  return responseOf({ type: 'array', items: ref(name) }, options);
}

/** A file download: its content type with a binary body. */
export function ApiFile(contentType: string, description = ''): MethodDecorator {
  return applyDecorators(ApiProduces(contentType), ApiResponse({ status: 200, description, content: { [contentType]: { schema: { type: 'string', format: 'binary' } } } }));
}

/** Adds the contract's schemas to the document (ApiView refers to them by name); a class schema of the same name is a bug. */
export function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const clash = Object.keys(CONTRACT_SCHEMAS).filter((name) => name in schemas);
  if (clash.length > 0) throw new Error(`OpenAPI: class schemas shadow contract types: ${clash.join(', ')}`);
  return { ...document, components: { ...document.components, schemas: { ...schemas, ...CONTRACT_SCHEMAS } } };
}
