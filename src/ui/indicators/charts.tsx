import type { z } from 'zod';
import { crossesBreak, type SpineClass } from '../../domain/indicators/spine';
import type { SpineSchema, TrendSchema } from '../../domain/indicators/schema';
import { formatIsoDate } from '../../domain/format';
import { figureText } from './format';

type Spine = z.infer<typeof SpineSchema>;
type Trend = z.infer<typeof TrendSchema>;

/**
 * Colours of the spine's marker by class: blue for better, orange for worse (told apart by
 * readers with red-green colour blindness, unlike green and red), purple for a neutral
 * Kennzahl outside the middle half, white inside it.
 */
export const SPINE_COLOURS: Record<SpineClass, string> = {
  besser: '#2166ac',
  schlechter: '#e66101',
  mittel: '#ffffff',
  hoeher: '#7b3294',
  niedriger: '#7b3294',
  'keine-wertung': '#bdbdbd',
  'kein-wert': '#bdbdbd',
};

const WIDTH = 180;
const HEIGHT = 22;

/** Range (light), middle half (darker), planning area (black line) and this area (circle by class). */
export function SpineChart({ spine, unit, label, withPlanningArea }: { spine: Spine; unit: string; label: string; withPlanningArea: boolean }) {
  const { min, q1, q3, max, gebiet } = spine;
  // A count of the planning area is the sum of all Sozialräume: no point on their scale.
  const planungsraum = withPlanningArea ? spine.planungsraum : null;
  if (min === null || max === null || q1 === null || q3 === null) return <span className="muted">–</span>;
  const values = [min, max, ...(planungsraum === null ? [] : [planungsraum]), ...(gebiet === null ? [] : [gebiet])];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const x = (value: number) => (high === low ? WIDTH / 2 : 6 + ((value - low) / (high - low)) * (WIDTH - 12));
  const description =
    `${label}: Spanne der ${spine.vergleich.name} ${figureText(min, unit)} bis ${figureText(max, unit)}, mittlere Hälfte ${figureText(q1, unit)} bis ${figureText(q3, unit)}` +
    `${planungsraum === null ? '' : `, Planungsraum ${figureText(planungsraum, unit)}`}${gebiet === null ? '' : `, dieses Gebiet ${figureText(gebiet, unit)}`}: ${spine.klasseText}.`;
  return (
    <svg className="spine-chart" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={description} data-class={spine.klasse}>
      <title>{description}</title>
      <rect x={x(min)} y={6} width={Math.max(1, x(max) - x(min))} height={10} fill="#d9d9d9" />
      <rect x={x(q1)} y={6} width={Math.max(1, x(q3) - x(q1))} height={10} fill="#969696" />
      {planungsraum !== null && <line x1={x(planungsraum)} x2={x(planungsraum)} y1={2} y2={20} stroke="#000" strokeWidth={2} />}
      {gebiet !== null && <circle cx={x(gebiet)} cy={11} r={6} fill={SPINE_COLOURS[spine.klasse]} stroke="#212121" strokeWidth={1.2} />}
    </svg>
  );
}

const TREND_WIDTH = 180;
const TREND_HEIGHT = 44;

/**
 * The area's figures over the years as a line (a gap where a figure is withheld or missing, and
 * across a break of the series, marked by a dotted line); for rates and shares the planning
 * area's line dashed beside it.
 */
export function TrendChart({ trend, unit, withPlanningArea, label }: { trend: Trend; unit: string; withPlanningArea: boolean; label: string }) {
  const points = trend.punkte;
  if (points.length < 2) return <span className="muted">ein Stichtag</span>;
  const values = points.flatMap((point) => [point.wert, ...(withPlanningArea ? [point.planungsraum] : [])]).filter((value): value is number => value !== null);
  if (values.length === 0) return <span className="muted">–</span>;
  const times = points.map((point) => Date.parse(point.stichtag));
  const first = times[0]!;
  const last = times.at(-1)!;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const x = (time: number) => 4 + ((time - first) / (last - first)) * (TREND_WIDTH - 8);
  const y = (value: number) => (high === low ? TREND_HEIGHT / 2 : TREND_HEIGHT - 6 - ((value - low) / (high - low)) * (TREND_HEIGHT - 12));
  const path = (pick: (point: Trend['punkte'][number]) => number | null) => {
    let d = '';
    let previous: string | null = null;
    points.forEach((point, index) => {
      const value = pick(point);
      if (value === null) {
        previous = null;
        return;
      }
      const joined = previous !== null && !crossesBreak(trend, previous, point.stichtag);
      d += `${joined ? 'L' : 'M'}${x(times[index]!).toFixed(1)},${y(value).toFixed(1)}`;
      previous = point.stichtag;
    });
    return d;
  };
  const description = `${label}, Verlauf: ${points.map((point) => `${formatIsoDate(point.stichtag)} ${point.text}`).join('; ')}${trend.brueche.length ? `. Bruch der Reihe: ${trend.brueche.map((entry) => entry.hinweis).join(' ')}` : ''}`;
  return (
    <svg className="trend-chart" width={TREND_WIDTH} height={TREND_HEIGHT} viewBox={`0 0 ${TREND_WIDTH} ${TREND_HEIGHT}`} role="img" aria-label={description}>
      <title>{description}</title>
      {trend.brueche.map((entry) => (
        <line key={entry.ab} x1={x(Date.parse(entry.ab))} x2={x(Date.parse(entry.ab))} y1={0} y2={TREND_HEIGHT} stroke="#e66101" strokeDasharray="2 2" data-break={entry.ab} />
      ))}
      {withPlanningArea && <path d={path((point) => point.planungsraum)} fill="none" stroke="#000" strokeWidth={1.2} strokeDasharray="4 3" />}
      <path d={path((point) => point.wert)} fill="none" stroke="#2166ac" strokeWidth={2} />
      {points.map((point, index) =>
        point.wert === null ? null : <circle key={point.stichtag} cx={x(times[index]!)} cy={y(point.wert)} r={2.2} fill="#2166ac" />,
      )}
      <text x={2} y={9} fontSize={9} fill="#555">
        {figureText(high, unit)}
      </text>
      <text x={2} y={TREND_HEIGHT - 1} fontSize={9} fill="#555">
        {figureText(low, unit)}
      </text>
    </svg>
  );
}
