/**
 * Upstream URLs may carry a `token` query parameter (ArcGIS token-based security,
 * https://developers.arcgis.com/rest/services-reference/enterprise/generate-token.htm);
 * nothing the gateway logs or reports may contain it.
 */

/** The URL without query, fragment or user info; the input unchanged (but redacted) when it does not parse. */
export function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return redactTokens(url.replace(/[?#].*$/s, ''));
  }
}

/** Masks `token=…` wherever it appears in free text (an upstream message could echo a URL). */
export function redactTokens(text: string): string {
  return text.replace(/([?&\s]token=)[^&\s"']+/gi, '$1***');
}
