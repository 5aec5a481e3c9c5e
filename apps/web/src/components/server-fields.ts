import { ApiError } from '../api/client.js';

/**
 * The fields a refusal names, to show each message next to its field: VALIDATION_FAILED lists
 * `[{ field, reasons }]`, a DUPLICATE may name `{ field }`; `duplicateField` stands for a DUPLICATE that names none.
 */
export function serverFields(error: unknown, duplicateField?: string): Set<string> {
  const fields = new Set<string>();
  if (!(error instanceof ApiError)) return fields;
  const details: unknown = error.details;
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(details)) {
    for (const d of details as unknown[]) {
      const field = (d as { field?: unknown } | null)?.field;
      if (typeof field === 'string') fields.add(field);
    }
  }
  if (error.code === 'DUPLICATE') {
    const field = (details as { field?: unknown } | null | undefined)?.field;
    if (typeof field === 'string') fields.add(field);
    else if (duplicateField) fields.add(duplicateField);
  }
  return fields;
}
