import { AreaPanel } from './AreaPanel';
import { AreaTable } from './AreaTable';
import { Header } from './Header';
import { LayerPanel } from './LayerPanel';
import { MapView } from './MapView';
import { Notices } from './Notices';
import { SourcesNote } from './SourcesNote';

export function App() {
  return (
    <div className="app">
      <Header />
      <div className="app-body">
        <div className="sidebar">
          <AreaTable />
          <LayerPanel />
          <SourcesNote />
        </div>
        <main className="map-area">
          <MapView />
          <Notices />
          <AreaPanel />
        </main>
      </div>
    </div>
  );
}
