export interface SortState<K extends string> {
  key: K;
  direction: 'asc' | 'desc';
}

interface SortableHeaderProps<K extends string> {
  label: string;
  sortKey: K;
  sort: SortState<K>;
  onSort(key: K): void;
  testId: string;
  numeric?: boolean;
  title?: string;
}

/** A column header that sorts its table: a button, with aria-sort for screen readers. */
export function SortableHeader<K extends string>({ label, sortKey, sort, onSort, testId, numeric = false, title }: SortableHeaderProps<K>) {
  const active = sort.key === sortKey;
  return (
    <th
      scope="col"
      className={numeric ? 'number' : undefined}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" onClick={() => onSort(sortKey)} title={title} data-testid={testId}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
