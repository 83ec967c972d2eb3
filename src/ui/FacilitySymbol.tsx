import type { FacilityCategory } from '../domain/facilities/catalog';
import { shapePath } from '../domain/resources/symbols';

interface FacilitySymbolProps {
  category: Pick<FacilityCategory, 'shape' | 'colour'> | undefined;
  approximate?: boolean;
  size?: number;
}

/** The map symbol of a category as SVG, from the same outline the map draws (legend, table). */
export function FacilitySymbol({ category, approximate = false, size = 18 }: FacilitySymbolProps) {
  const shape = category?.shape ?? 'cross';
  const colour = category?.colour ?? '#546e7a';
  const c = 15;
  return (
    <svg className="facility-symbol" width={size} height={size} viewBox="0 0 30 30" aria-hidden="true" focusable="false">
      {approximate ? (
        <>
          <circle cx={c} cy={c} r={13.2} fill="none" stroke={colour} strokeWidth={1.6} strokeDasharray="3 2.2" />
          <path d={shapePath(shape, 8, c, c)} fill="#ffffff" stroke={colour} strokeWidth={2.6} strokeLinejoin="round" />
        </>
      ) : (
        <path d={shapePath(shape, 9, c, c)} fill={colour} stroke="#ffffff" strokeWidth={1.6} strokeLinejoin="round" />
      )}
    </svg>
  );
}
