import type { FacilityCategory } from '../domain/facilities/catalog';
import { shapePath, type SymbolVariant } from '../domain/resources/symbols';
import { CLOSED_OPACITY, UNCONFIRMED_BADGE } from '../map/facilityIcons';

interface FacilitySymbolProps {
  category: Pick<FacilityCategory, 'shape' | 'colour'> | undefined;
  /** Status, approximate location, unconfirmed: as on the map (default: in operation, exact, confirmed). */
  variant?: Partial<SymbolVariant>;
  /** Shorthand for variant.approximate. */
  approximate?: boolean;
  /** Drawn faint, as the coverage map shows facilities outside the planning area. */
  faded?: boolean;
  size?: number;
}

/**
 * The map symbol of a category as SVG, from the same outline and rules the map draws
 * (facilityIcons.ts): filled in operation, only the outline when planned, faded when closed, a
 * dashed ring for an approximate location, a question mark when unconfirmed. Legends and tables.
 */
export function FacilitySymbol({ category, variant = {}, approximate = variant.approximate ?? false, faded = false, size = 18 }: FacilitySymbolProps) {
  const shape = category?.shape ?? 'cross';
  const colour = category?.colour ?? '#546e7a';
  const status = variant.status ?? 'in Betrieb';
  const c = 15;
  const radius = approximate ? 8 : 9;
  const opacity = (status === 'geschlossen' ? CLOSED_OPACITY : 1) * (faded ? 0.45 : 1);
  const badge = UNCONFIRMED_BADGE;
  return (
    <svg className="facility-symbol" width={size} height={size} viewBox="0 0 30 30" aria-hidden="true" focusable="false">
      <g opacity={opacity}>
        {approximate && <circle cx={c} cy={c} r={13.2} fill="none" stroke={colour} strokeWidth={1.6} strokeDasharray="3 2.2" />}
        {status === 'geplant' ? (
          <path d={shapePath(shape, radius, c, c)} fill="#ffffff" stroke={colour} strokeWidth={2.6} strokeLinejoin="round" />
        ) : (
          <path d={shapePath(shape, radius, c, c)} fill={colour} stroke="#ffffff" strokeWidth={1.6} strokeLinejoin="round" />
        )}
      </g>
      {variant.unconfirmed && (
        <g>
          <circle cx={c + badge.x} cy={c + badge.y} r={badge.radius} fill="#ffffff" stroke="#1f2933" strokeWidth={1.3} />
          <text x={c + badge.x} y={c + badge.y + 3} textAnchor="middle" fontSize={8.5} fontWeight="bold" fill="#1f2933">
            ?
          </text>
        </g>
      )}
    </svg>
  );
}
