import type { FacilityCategory } from '../../domain/facilities/catalog';
import { shapePath } from '../../domain/resources/symbols';
import { HYPOTHETICAL_RING } from '../../map/coverageIcons';

/** The hypothetical-facility symbol of the map as SVG (same drawing as coverageIcons.ts). */
export function HypotheticalSymbol({ category, size = 22 }: { category: Pick<FacilityCategory, 'shape' | 'colour'> | undefined; size?: number }) {
  return (
    <svg className="facility-symbol" width={size} height={size} viewBox="-20 -20 40 40" aria-hidden="true" focusable="false">
      <circle r={15} fill="rgba(255,255,255,0.92)" stroke={HYPOTHETICAL_RING} strokeWidth={2.8} strokeDasharray="4.2 3" />
      <path d={shapePath(category?.shape ?? 'cross', 8.5)} fill={category?.colour ?? '#546e7a'} stroke="#fff" strokeWidth={1.4} strokeLinejoin="round" />
    </svg>
  );
}

export function SwitchedOffSymbol({ size = 18 }: { size?: number }) {
  return (
    <svg className="facility-symbol" width={size} height={size} viewBox="-14 -14 28 28" aria-hidden="true" focusable="false">
      <circle r={12} fill="rgba(70,70,70,0.82)" stroke="#fff" strokeWidth={1.5} />
      <path d="M-5.5 -5.5 L5.5 5.5 M5.5 -5.5 L-5.5 5.5" stroke="#fff" strokeWidth={2.6} strokeLinecap="round" />
    </svg>
  );
}
