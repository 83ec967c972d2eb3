import type { FacilityCategory } from '../../domain/facilities/catalog';
import { FacilitySymbol } from '../FacilitySymbol';

interface CategorySelectProps {
  categories: readonly FacilityCategory[];
  /** The chosen category id; '' for the empty choice. */
  value: string;
  onChange(id: string): void;
  /** Label of the empty first option ("alle", "– bitte wählen –"); without it every choice is a category. */
  emptyLabel?: string;
  /** Show the chosen category's map symbol before the list. */
  withSymbol?: boolean;
  symbolSize?: number;
  id?: string;
  testId?: string;
  invalid?: boolean;
  /** For a select without a visible label (the label element is elsewhere or visually hidden). */
  ariaLabel?: string;
  /** Extra attributes the tests use to tell several selects apart (e.g. data-value of the file value). */
  dataValue?: string;
}

/**
 * The one category picker of the app (facility form, filters, import mapping, coverage): the
 * district's catalogue in its order, optionally with an empty first choice and the map symbol.
 */
export function CategorySelect({ categories, value, onChange, emptyLabel, withSymbol = false, symbolSize = 18, id, testId, invalid, ariaLabel, dataValue }: CategorySelectProps) {
  const select = (
    <select
      id={id}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid={testId}
      data-value={dataValue}
      aria-invalid={invalid ? true : undefined}
      aria-label={ariaLabel}
    >
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {categories.map((category) => (
        <option key={category.id} value={category.id}>
          {category.label}
        </option>
      ))}
    </select>
  );
  if (!withSymbol) return select;
  const chosen = categories.find((category) => category.id === value);
  return (
    <span className="with-symbol">
      {chosen && <FacilitySymbol category={chosen} size={symbolSize} />}
      {select}
    </span>
  );
}
