import type { ServerResponse } from 'node:http';

export type ResponseFormat = 'json' | 'pjson' | 'html';

/** `f` as ArcGIS reads it: json, pjson (pretty JSON), anything else gets the HTML view. */
export function responseFormat(f: string | undefined): ResponseFormat {
  const value = f?.toLowerCase();
  if (value === 'json') return 'json';
  if (value === 'pjson') return 'pjson';
  return 'html';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/**
 * ArcGIS answers errors with HTTP 200 and an `error` body, so the status stays 200 here;
 * only transport-level faults (injected 5xx) use other statuses.
 */
export function writeDocument(res: ServerResponse, body: unknown, format: ResponseFormat, title: string): void {
  if (format === 'html') {
    const pretty = JSON.stringify(body, null, 2);
    const html =
      `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><h2>${escapeHtml(title)}</h2><p>Embedded GPServer. Append <code>?f=pjson</code> for JSON.</p>` +
      `<pre>${escapeHtml(pretty)}</pre></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
    return;
  }
  const text = format === 'pjson' ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}
