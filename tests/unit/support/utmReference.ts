// An independent transverse Mercator forward projection (Krüger series to third order in n,
// as given by Karney 2011 and the UTM article of Wikipedia), used to check proj4 without
// trusting it. Accurate to about a millimetre within a few degrees of the central meridian.

const GRS80 = { a: 6_378_137, f: 1 / 298.257_222_101 };

export function utmForwardReference(longitude: number, latitude: number, zone: number): [easting: number, northing: number] {
  const { a, f } = GRS80;
  const n = f / (2 - f);
  const rectifyingRadius = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [n / 2 - (2 / 3) * n ** 2 + (5 / 16) * n ** 3, (13 / 48) * n ** 2 - (3 / 5) * n ** 3, (61 / 240) * n ** 3];
  const k0 = 0.9996;
  const radians = Math.PI / 180;
  const phi = latitude * radians;
  const lambda = (longitude - (zone * 6 - 183)) * radians;
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xiPrime = Math.atan(t / Math.cos(lambda));
  const etaPrime = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
  let xi = xiPrime;
  let eta = etaPrime;
  alpha.forEach((coefficient, index) => {
    const j = 2 * (index + 1);
    xi += coefficient * Math.sin(j * xiPrime) * Math.cosh(j * etaPrime);
    eta += coefficient * Math.cos(j * xiPrime) * Math.sinh(j * etaPrime);
  });
  return [500_000 + k0 * rectifyingRadius * eta, k0 * rectifyingRadius * xi];
}
