import type { ReactNode } from 'react';

export interface Column<T> {
  header: ReactNode;
  cell(row: T): ReactNode;
  /** The cell that names the row (a `th scope="row"` for screen readers); usually the first column. */
  rowHeader?: boolean;
  cellProps?(row: T): { className?: string; 'data-testid'?: string };
}

/**
 * A data table in its scrolling wrapper, or the `empty` text when there are no rows. Columns set to null (for a role
 * that does not see them) are left out.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowTestId,
  empty,
  labelledBy,
  className,
  testId,
}: {
  rows: readonly T[];
  columns: (Column<T> | null)[];
  rowKey(row: T): string;
  rowTestId?(row: T): string;
  empty?: ReactNode;
  /** The heading that names the table; also makes the scrolling wrapper reachable by keyboard. */
  labelledBy?: string;
  className?: string;
  testId?: string;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="empty">{empty}</p>;
  const shown = columns.filter((c): c is Column<T> => c !== null);
  return (
    <div className="table-wrap" tabIndex={labelledBy ? 0 : undefined} aria-labelledby={labelledBy}>
      <table className={className ? `table ${className}` : 'table'} data-testid={testId} aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {shown.map((c, i) => (
              <th key={i} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
              {shown.map((c, i) =>
                c.rowHeader ? (
                  <th key={i} scope="row" {...c.cellProps?.(row)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={i} {...c.cellProps?.(row)}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
