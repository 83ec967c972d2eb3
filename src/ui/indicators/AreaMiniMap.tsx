import { useMemo } from 'react';
import { areaMap } from '../../domain/report/areaMap';
import type { ProfileResponse } from '../../domain/indicators/schema';
import { useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';

const WIDTH = 320;
const HEIGHT = 240;

/** The Sozialräume an area is made of (null for levels without a place on the map). */
function memberIds(profile: ProfileResponse, sozialraeume: readonly { properties: { id: string; sozialregionId?: string | null } }[]): Set<string> | null {
  const { ebene, id } = profile.gebiet;
  if (ebene === 'sozialraum') return new Set([id]);
  if (ebene === 'sozialregion') return new Set(sozialraeume.filter((feature) => feature.properties.sozialregionId === id).map((feature) => feature.properties.id));
  if (ebene === 'planungsraum') return new Set(sozialraeume.map((feature) => feature.properties.id));
  return null;
}

/**
 * A small map of the area on the profile page: the district's Sozialräume, this area's
 * highlighted, the facilities in it as points (planned ones hollow), drawn from the same
 * geometry as the report's map (domain/report/areaMap.ts), with a scale bar and a text
 * alternative.
 */
export function AreaMiniMap({ profile }: { profile: ProfileResponse }) {
  const territory = useTerritoryStore((state) => state.territory);
  const facilities = useFacilityStore((state) => state.facilities);
  const categories = useFacilityStore((state) => state.categories);
  const drawing = useMemo(() => {
    if (!territory) return null;
    const members = memberIds(profile, territory.sozialraeume.features);
    if (!members) return null;
    const colours = new Map(categories.map((category) => [category.id, category.colour]));
    const inArea = facilities
      .filter((facility) => !facility.geloescht && facility.status !== 'geschlossen' && facility.sozialraumId !== null && members.has(facility.sozialraumId))
      .map((facility) => ({ lage: facility.lage, colour: colours.get(facility.category) ?? '#546e7a', hollow: facility.status !== 'in Betrieb' }));
    return areaMap(territory, [...members], inArea, { width: WIDTH, height: HEIGHT });
  }, [territory, facilities, categories, profile]);
  if (!drawing) return null;
  const path = (rings: [number, number][][]) => rings.map((ring) => `M${ring.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`).join('');
  return (
    <figure className="profile-map" data-testid="profile-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={drawing.description}>
        {drawing.areas.map((area) => (
          <path key={area.id} d={path(area.rings)} fill={area.focus ? '#bcd4ec' : '#eceff1'} stroke={area.focus ? '#0b5394' : '#90a4ae'} strokeWidth={area.focus ? 1.4 : 0.6} fillRule="evenodd" />
        ))}
        {drawing.points.map((point, index) => (
          <circle key={index} cx={point.x} cy={point.y} r={3} fill={point.hollow ? '#ffffff' : point.colour} stroke={point.colour} strokeWidth={1.2} />
        ))}
        <g transform={`translate(10 ${HEIGHT - 12})`}>
          <line x1={0} y1={0} x2={drawing.scaleBar.length} y2={0} stroke="#263238" strokeWidth={2} />
          <text x={0} y={-4} fontSize={10} fill="#263238">
            {drawing.scaleBar.label}
          </text>
        </g>
      </svg>
      <figcaption className="hint">Einrichtungen der Ressourcenkarte im Gebiet (geplante als Ring). © GeoBasis-DE / BKG (dl-de/by-2-0)</figcaption>
    </figure>
  );
}
