// The report's vector map of the Sozialräume, on the synthetic territory.
import { describe, expect, it } from 'vitest';
import { areaMap } from '../../../src/domain/report/areaMap';
import { syntheticTerritory } from '../support/syntheticDistrict';

describe('areaMap', () => {
  const box = { width: 200, height: 150 };

  it('fits the focused Sozialraum into the box with a margin and keeps the others as context', () => {
    const drawing = areaMap(syntheticTerritory(), ['oelsen'], [], box);
    const focus = drawing.areas.filter((area) => area.focus);
    expect(focus.map((area) => area.id)).toEqual(['oelsen']);
    const points = focus.flatMap((area) => area.rings.flat());
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(box.width * 0.06 - 1e-6);
    expect(Math.max(...xs)).toBeLessThanOrEqual(box.width * 0.94 + 1e-6);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(box.height * 0.06 - 1e-6);
    expect(Math.max(...ys)).toBeLessThanOrEqual(box.height * 0.94 + 1e-6);
    // The fit touches the margin on one axis at least.
    expect(Math.max(Math.max(...xs) - Math.min(...xs) - box.width * 0.88, Math.max(...ys) - Math.min(...ys) - box.height * 0.88)).toBeCloseTo(0, 6);
    expect(drawing.areas.filter((area) => !area.focus).map((area) => area.id).sort()).toEqual(['nordtal', 'puehberg']);
    expect(drawing.description).toBe('Karte: Ölsen hervorgehoben, Nachbarräume grau; keine Einrichtungen; Maßstabsleiste 2 km.');
  });

  it('puts north up and a facility where it lies, with a true scale bar', () => {
    // Ölsen spans 9.9–10.1° E (B-West and B-Ost): 0.2° of longitude at 51.5° N is about 13.9 km.
    const drawing = areaMap(syntheticTerritory(), ['oelsen'], [{ lage: [10.0, 51.5], colour: '#ef6c00', hollow: false }, { lage: [10.0, 51.47], colour: '#ef6c00', hollow: true }], box);
    const [north, south] = drawing.points;
    expect(north!.y).toBeLessThan(south!.y);
    expect(north!.x).toBeCloseTo(box.width / 2, 0);
    const metresPerUnit = 13_900 / (box.width * 0.88);
    expect(drawing.scaleBar.length * metresPerUnit).toBeGreaterThan(1_900);
    expect(drawing.scaleBar.length * metresPerUnit).toBeLessThan(2_100);
  });

  it('says in its text alternative how many facilities it shows, in the right number', () => {
    const one = areaMap(syntheticTerritory(), ['oelsen'], [{ lage: [10.0, 51.5], colour: '#ef6c00', hollow: false }], box);
    expect(one.description).toContain('; eine Einrichtung als Punkt;');
    const two = areaMap(syntheticTerritory(), ['oelsen'], [{ lage: [10.0, 51.5], colour: '#ef6c00', hollow: false }, { lage: [10.0, 51.47], colour: '#ef6c00', hollow: true }], box);
    expect(two.description).toContain('; 2 Einrichtungen als Punkte;');
  });
});
