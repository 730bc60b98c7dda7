import proj4 from 'proj4';

/** A planar frame in metres around a geographic origin, for metric work on small areas. */
export interface LocalFrame {
  toLocal(lon: number, lat: number): [number, number];
  toGeographic(x: number, y: number): [number, number];
}

const WGS84_DEFINITION = '+proj=longlat +datum=WGS84 +no_defs';

/**
 * Azimuthal equidistant centred on the origin: distances and azimuths from the origin are exact,
 * so buffers and viewsheds around it stay metric without a per-zone projection choice.
 */
export function createLocalFrame(longitude: number, latitude: number): LocalFrame {
  const converter = proj4(
    WGS84_DEFINITION,
    `+proj=aeqd +lat_0=${latitude} +lon_0=${longitude} +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs`,
  );
  return {
    toLocal(lon, lat) {
      const [x = Number.NaN, y = Number.NaN] = converter.forward([lon, lat]);
      return [x, y];
    },
    toGeographic(x, y) {
      const [lon = Number.NaN, lat = Number.NaN] = converter.inverse([x, y]);
      return [lon, lat];
    },
  };
}
