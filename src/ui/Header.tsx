import { useAtlasStore } from '../state/atlasStore';
import { switchDistrict } from '../state/effects';
import { useTerritoryStore } from '../state/territoryStore';

export function Header() {
  const districts = useTerritoryStore((state) => state.districts);
  const districtId = useTerritoryStore((state) => state.districtId);
  const status = useTerritoryStore((state) => state.status);
  const select = useAtlasStore((state) => state.select);
  return (
    <header className="app-header">
      <h1>
        <button type="button" className="title-button" onClick={() => select(null, { focus: true })} title="Ganzen Landkreis zeigen">
          Sozialraumatlas
        </button>
      </h1>
      <label className="district-switch">
        <span>Landkreis</span>
        <select
          value={districtId ?? ''}
          onChange={(event) => void switchDistrict(event.target.value)}
          data-testid="district-select"
          disabled={districts.length === 0}
        >
          {districts.map((district) => (
            <option key={district.id} value={district.id}>
              {district.name}
            </option>
          ))}
        </select>
      </label>
      {status === 'loading' && (
        <span className="status" role="status">
          Lade Gebiet …
        </span>
      )}
    </header>
  );
}
