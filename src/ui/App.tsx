import { lazy, Suspense, useDeferredValue } from 'react';
import { AddModeHint } from './AddModeHint';
import { AreaPanel } from './AreaPanel';
import { AreaTable } from './AreaTable';
import { ConflictDialog } from './ConflictDialog';
import { Dialogs } from './Dialogs';
import { FacilityPanel } from './FacilityPanel';
import { FacilityTable } from './FacilityTable';
import { Header } from './Header';
import { LayerPanel } from './LayerPanel';
import { MapView } from './MapView';
import { Notices } from './Notices';
import { SourcesNote } from './SourcesNote';
import { Toasts } from './Toasts';
import { useAtlasStore } from '../state/atlasStore';
import { useCoverageStore } from '../state/coverageStore';
import { useFacilityStore } from '../state/facilityStore';
import { useIndicatorStore } from '../state/indicatorStore';
import { formatInteger } from '../domain/format';

// The Versorgung tab (panel, tables, Kreistag view) loads when it is first opened, so the first
// view downloads and runs only what the map and the Sozialräume need.
const CoveragePanel = lazy(() => import('./coverage/CoveragePanel').then((module) => ({ default: module.CoveragePanel })));
// The Kennzahlen tab and its profile page likewise (with simple-statistics and the Kennzahlen schemas).
const IndicatorPanel = lazy(() => import('./indicators/IndicatorPanel').then((module) => ({ default: module.IndicatorPanel })));
const ProfilePage = lazy(() => import('./indicators/ProfilePage').then((module) => ({ default: module.ProfilePage })));
const CoverageOverlay = lazy(() => import('./coverage/CoveragePresentation').then((module) => ({ default: module.CoverageOverlay })));

export function App() {
  // In the atlas store, so the address keeps it and a shared link opens it.
  const tab = useAtlasStore((state) => state.tab);
  const setTab = useAtlasStore((state) => state.setTab);
  const coverageOpen = useCoverageStore((state) => state.active);
  const profileOpen = useIndicatorStore((state) => state.profileKey !== null) && tab === 'kennzahlen';
  const internalMap = useIndicatorStore((state) => state.view === 'intern') && tab === 'kennzahlen';
  const facilityCount = useFacilityStore((state) => (state.status === 'ready' ? state.facilities.filter((f) => !f.geloescht).length : null));
  // The first commit brings the frame and the map's element, so the map starts at once; the
  // sidebar's tables and legend follow in a render of their own right after it.
  const sidebar = useDeferredValue(true, false);
  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <div className="sidebar">
          <div className="tabs" role="tablist" aria-label="Tabellen">
            <button type="button" role="tab" id="tab-sozialraeume" aria-selected={tab === 'sozialraeume'} aria-controls="panel-sozialraeume" onClick={() => setTab('sozialraeume')} data-testid="tab-sozialraeume">
              Sozialräume
            </button>
            <button type="button" role="tab" id="tab-ressourcen" aria-selected={tab === 'ressourcen'} aria-controls="panel-ressourcen" onClick={() => setTab('ressourcen')} data-testid="tab-ressourcen">
              Ressourcen{facilityCount !== null ? ` (${formatInteger(facilityCount)})` : ''}
            </button>
            <button type="button" role="tab" id="tab-versorgung" aria-selected={tab === 'versorgung'} aria-controls="panel-versorgung" onClick={() => setTab('versorgung')} data-testid="tab-versorgung">
              Versorgung
            </button>
            <button type="button" role="tab" id="tab-kennzahlen" aria-selected={tab === 'kennzahlen'} aria-controls="panel-kennzahlen" onClick={() => setTab('kennzahlen')} data-testid="tab-kennzahlen">
              Kennzahlen
            </button>
          </div>
          {sidebar && (
            <>
              <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
                {tab === 'sozialraeume' ? (
                  <AreaTable />
                ) : tab === 'ressourcen' ? (
                  <FacilityTable />
                ) : tab === 'kennzahlen' ? (
                  <Suspense fallback={<p className="hint" role="status">Kennzahlen werden geladen …</p>}>
                    <IndicatorPanel />
                  </Suspense>
                ) : (
                  <Suspense fallback={<p className="hint" role="status">Versorgungsanalyse wird geladen …</p>}>
                    <CoveragePanel />
                  </Suspense>
                )}
              </div>
              <LayerPanel />
              <SourcesNote />
            </>
          )}
        </div>
        <main className="map-area">
          <MapView />
          {internalMap && (
            // The picture must not pass for a protected one (a screenshot, a projector).
            <p className="map-internal-badge" role="note" data-testid="map-internal-badge">
              <strong>intern</strong> Karte mit ungeschützten Werten
            </p>
          )}
          <Notices />
          <AddModeHint />
          {coverageOpen && (
            <Suspense fallback={null}>
              <CoverageOverlay />
            </Suspense>
          )}
          {profileOpen && (
            <Suspense fallback={null}>
              <ProfilePage />
            </Suspense>
          )}
          <AreaPanel />
          <FacilityPanel />
          <Toasts />
        </main>
      </div>
      <ConflictDialog />
      <Dialogs />
    </div>
  );
}
