/** Where a GeoTIFF lies on the earth: its geotransform (raster ↔ CRS) and its CRS from the GeoKeys. */
import type { GeoTIFFImage } from 'geotiff';
import { resolveSpatialReference } from '../../geo/spatial-reference.js';
import type { ResolvedSpatialReference } from '../../geo/spatial-reference.js';

/** Raster (column, row) → CRS x, y: x = a·I + b·J + c, y = d·I + e·J + f, raster space as in GeoTIFF. */
export type Affine = readonly [number, number, number, number, number, number];

export function affineOf(image: GeoTIFFImage): Affine {
  const directory = image.getFileDirectory();
  const transformation = directory.getValue('ModelTransformation');
  if (transformation !== undefined && transformation.length >= 8) {
    const [a = 0, b = 0, , c = 0, d = 0, e = 0, , f = 0] = transformation;
    return [a, b, c, d, e, f];
  }
  const tiepoint = directory.getValue('ModelTiepoint');
  const scale = directory.getValue('ModelPixelScale');
  if (tiepoint !== undefined && tiepoint.length >= 6 && scale !== undefined && scale.length >= 2) {
    const [i = 0, j = 0, , x = 0, y = 0] = tiepoint;
    const [sx = 0, sy = 0] = scale;
    // Raster rows run downwards while y runs up: hence -sy.
    return [sx, 0, x - i * sx, 0, -sy, y + j * sy];
  }
  throw new Error('it has no geotransform (ModelTransformation, or ModelTiepoint with ModelPixelScale)');
}

export function crsOf(image: GeoTIFFImage): ResolvedSpatialReference {
  const keys: Readonly<Record<string, unknown>> = image.getGeoKeys() ?? {};
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  // GTModelTypeGeoKey 2 = geographic; otherwise a projected code wins when both are present.
  const code = keys.GTModelTypeGeoKey === 2 ? (geographic ?? projected) : (projected ?? geographic);
  if (typeof code !== 'number') throw new Error('it has no EPSG code (ProjectedCSTypeGeoKey or GeographicTypeGeoKey)');
  if (code === 32767) throw new Error('its CRS is user-defined (code 32767); only EPSG codes are supported');
  return resolveSpatialReference({ wkid: code });
}

export function invert([a, b, c, d, e, f]: Affine): (x: number, y: number) => [number, number] {
  const det = a * e - b * d;
  if (det === 0 || !Number.isFinite(det)) throw new Error('its geotransform is degenerate');
  return (x, y) => {
    const dx = x - c;
    const dy = y - f;
    return [(e * dx - b * dy) / det, (a * dy - d * dx) / det];
  };
}
