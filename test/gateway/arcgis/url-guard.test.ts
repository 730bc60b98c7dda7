import { describe, expect, it } from 'vitest';
import { createUrlGuard, guardForSources, hasHostileSegment, resolveParamUrl } from '../../../gateway/arcgis/url-guard.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';

const SERVICE = 'https://gis.example.com/arcgis/rest/services/Elevation/Viewshed/GPServer';
const ROOT = 'https://maps.example.org:8443/server/rest/services';
const LOOPBACK = 'http://127.0.0.1:6080/arcgis/rest/services/Local/Tool/GPServer';
const PATH = '/arcgis/rest/services/Elevation/Viewshed/GPServer';

const guard = createUrlGuard([SERVICE, `${LOOPBACK}/`], [`${ROOT}?f=json`]);

function thrown(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('createUrlGuard: allowed', () => {
  const allowed: [string, string][] = [
    ['the service itself', SERVICE],
    ['the service with a trailing slash and a query', `${SERVICE}/?f=json&token=abc`],
    ['a task', `${SERVICE}/viewshed`],
    ['an encoded task name', `${SERVICE}/Extract%20Data%20Task`],
    ['submitJob', `${SERVICE}/viewshed/submitJob`],
    ['a job', `${SERVICE}/viewshed/jobs/j0123456789abcdef`],
    ['a job result', `${SERVICE}/viewshed/jobs/j1/results/Viewshed_Result`],
    ['upper-case scheme and host', `HTTPS://GIS.EXAMPLE.COM${PATH}/viewshed`],
    ['the default port written out', `https://gis.example.com:443${PATH}/viewshed`],
    ['backslashes, normalised to slashes', `https://gis.example.com${PATH.replaceAll('/', '\\')}\\viewshed`],
    ['a fragment', `${SERVICE}/viewshed#x`],
    ['the services root', ROOT],
    ['a folder under the root', `${ROOT}/Folder?f=json`],
    ['a service under the root', `${ROOT}/Folder/Service/GPServer/task/jobs/j1/results/Out`],
    ['the loopback service', `${LOOPBACK}/task`],
    [
      'the loopback service by a decimal IP (same normalised origin)',
      'http://2130706433:6080/arcgis/rest/services/Local/Tool/GPServer/task',
    ],
    ['the loopback service by a hex IP (same normalised origin)', 'http://0x7f.1:6080/arcgis/rest/services/Local/Tool/GPServer/task'],
    ['the loopback service by a short IP (same normalised origin)', 'http://127.1:6080/arcgis/rest/services/Local/Tool/GPServer'],
  ];
  it.each(allowed)('should allow %s', (_name, url) => {
    expect(guard.allows(url)).toBe(true);
    expect(guard.check(url, 'GET')).toBeInstanceOf(URL);
  });

  it('should return the normalised URL, the one to request', () => {
    expect(guard.check('http://0x7f.1:6080/arcgis/rest/services/Local/Tool/GPServer/task?f=json', 'GET').href).toBe(
      `${LOOPBACK}/task?f=json`,
    );
    expect(guard.check(`HTTPS://GIS.EXAMPLE.COM:443${PATH}\\viewshed`, 'GET').href).toBe(`${SERVICE}/viewshed`);
  });
});

describe('createUrlGuard: refused', () => {
  const refused: [string, string][] = [
    // Other origins.
    ['another host', 'https://evil.example.com/arcgis/rest/services/Elevation/Viewshed/GPServer'],
    ['another scheme', `http://gis.example.com${PATH}`],
    ['another port', `https://gis.example.com:8443${PATH}`],
    ['a look-alike host', `https://gis.example.com.evil.example.com${PATH}`],
    ['the metadata service', 'http://169.254.169.254/latest/meta-data/'],
    // Other paths on the right origin.
    ['a sibling service', 'https://gis.example.com/arcgis/rest/services/Elevation/Other/GPServer'],
    ['a prefix look-alike', `${SERVICE}X/viewshed`],
    ['the admin API', 'https://gis.example.com/arcgis/admin/machines'],
    ['outside the root', 'https://maps.example.org:8443/server/rest/admin'],
    ['a root look-alike', `${ROOT}X/Folder`],
    // Dot segments in every encoding, even those that stay inside after normalisation.
    ['../ climbing out', `${SERVICE}/../../Other/GPServer`],
    ['../ staying inside', `${SERVICE}/viewshed/jobs/../viewshed`],
    ['./', `${SERVICE}/./viewshed`],
    ['%2e%2e', `${SERVICE}/%2e%2e/%2e%2e/Other/GPServer`],
    ['%2E%2E', `${SERVICE}/%2E%2E/%2E%2E/Other/GPServer`],
    ['.%2e', `${SERVICE}/.%2e/.%2e/Other/GPServer`],
    ['%2e', `${SERVICE}/%2e/viewshed`],
    ['double-encoded %252e%252e', `${SERVICE}/%252e%252e/%252e%252e/Other/GPServer`],
    ['double-encoded %252E', `${SERVICE}/%252E%252E/x`],
    ['triple-encoded %25252e', `${SERVICE}/%25252e%25252e/x`],
    ['an encoded slash', `${SERVICE}/..%2f..%2fOther`],
    ['an encoded backslash', `${SERVICE}/%2e%2e%5c%2e%2e%5cOther`],
    ['backslash dot segments', `https://gis.example.com${PATH.replaceAll('/', '\\')}\\..\\..\\Other`],
    ['a tab inside ..', `${SERVICE}/.\t./.\n./Other/GPServer`],
    ['Windows trailing dots', `${SERVICE}/.../x`],
    ['Windows trailing space', `${SERVICE}/..%20/x`],
    // User info.
    ['user and password', `https://user:secret@gis.example.com${PATH}`],
    ['a user only', `https://user@gis.example.com${PATH}`],
    ['the configured host as user info', `https://gis.example.com@evil.example.com${PATH}`],
    ['a backslash before @', `https://evil.example.com\\@gis.example.com${PATH}`],
    // Schemes.
    ['file:', 'file:///etc/passwd'],
    ['ftp:', `ftp://gis.example.com${PATH}`],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:application/json,{}'],
    ['gopher:', `gopher://gis.example.com:443${PATH}`],
    // IP literals, unless the configured origin is that exact normalised one.
    ['a decimal IP for a named service', `http://2130706433${PATH}`],
    ['a hex IP for a named service', `http://0x7f.1${PATH}`],
    ['an IPv4-mapped IPv6 for a named service', `http://[::ffff:127.0.0.1]${PATH}`],
    ['the named service path on loopback', `http://127.0.0.1:6080${PATH}`],
    ['the loopback service as IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]:6080/arcgis/rest/services/Local/Tool/GPServer'],
    ['the loopback service as ::1', 'http://[::1]:6080/arcgis/rest/services/Local/Tool/GPServer'],
    ['the loopback service as localhost', 'http://localhost:6080/arcgis/rest/services/Local/Tool/GPServer'],
    ['the loopback service on another port', 'http://2130706433:6081/arcgis/rest/services/Local/Tool/GPServer'],
    // Not URLs.
    ['a relative path', `${PATH}/viewshed`],
    ['a protocol-relative URL', `//gis.example.com${PATH}`],
    ['an empty string', ''],
  ];
  it.each(refused)('should refuse %s', (_name, url) => {
    expect(guard.allows(url)).toBe(false);
    const error = thrown(() => guard.check(url, 'GET'));
    expect(error.code).toBe('UPSTREAM_URL_REJECTED');
    expect(error.message).toMatch(/^GET /);
  });

  it('should name the URL without its query or user info', () => {
    const error = thrown(() => guard.check('https://user:secret@evil.example.com/x?token=t0ps3cret', 'Result'));
    expect(error.message).toContain('https://evil.example.com/x');
    expect(error.message).not.toContain('secret');
    expect(error.info.url).toBe('https://evil.example.com/x');
  });

  it('should allow nothing without configured URLs', () => {
    expect(createUrlGuard([]).allows(SERVICE)).toBe(false);
  });

  it('should not accept an unusable configured URL', () => {
    expect(() => createUrlGuard(['ftp://gis.example.com/x/GPServer'])).toThrow(TypeError);
    expect(() => createUrlGuard(['https://user:pw@gis.example.com/x/GPServer'])).toThrow(TypeError);
    expect(() => createUrlGuard([], ['not a url'])).toThrow(TypeError);
  });
});

describe('hasHostileSegment', () => {
  it.each([
    ['results/Out', false],
    ['results/Out%20Raster', false],
    ['https://host/a.b/c..d/.e', false],
    ['results/../x', true],
    ['results\\..\\x', true],
    ['%2e%2e/x', true],
    ['results/%252e%252e', true],
    ['results/a%2fb', true],
    ['results/a%255cb', true],
    ['results/%E0%A4%A', false],
    ['results/Out?x=../..', false],
  ])('%s → %s', (text, hostile) => {
    expect(hasHostileSegment(text)).toBe(hostile);
  });
});

describe('resolveParamUrl', () => {
  const JOB = `${SERVICE}/viewshed/jobs/j0123456789abcdef`;

  const legit: [string, string, string][] = [
    ['the usual relative paramUrl', 'results/Viewshed_Result', `${JOB}/results/Viewshed_Result`],
    ['an encoded name', 'results/Out%20Raster', `${JOB}/results/Out%20Raster`],
    ['a backslash', 'results\\Out', `${JOB}/results/Out`],
    ['the absolute form of the same URL', `${JOB}/results/Out`, `${JOB}/results/Out`],
    [
      'an absolute form, normalised',
      `HTTPS://GIS.EXAMPLE.COM:443${PATH}/viewshed/jobs/j0123456789abcdef/results/Out`,
      `${JOB}/results/Out`,
    ],
    ['an absolute path to the same result', `${PATH}/viewshed/jobs/j0123456789abcdef/results/Out`, `${JOB}/results/Out`],
    ['a query and fragment, dropped', 'results/Out?token=abc#x', `${JOB}/results/Out`],
  ];
  it.each(legit)('should resolve %s', (_name, paramUrl, expected) => {
    expect(resolveParamUrl(JOB, paramUrl).href).toBe(expected);
    expect(resolveParamUrl(`${JOB}/`, paramUrl).href).toBe(expected);
  });

  const hostile: [string, string][] = [
    ['an absolute URL to another origin', 'http://169.254.169.254/latest/meta-data/iam'],
    ['the same path on another origin', `https://evil.example.com${PATH}/viewshed/jobs/j0123456789abcdef/results/Out`],
    ['the same path over plain http', `http://gis.example.com${PATH}/viewshed/jobs/j0123456789abcdef/results/Out`],
    ['a protocol-relative URL', '//evil.example.com/results/Out'],
    ['a protocol-relative URL with the job host as user info', '//gis.example.com@evil.example.com/results/Out'],
    ['a backslash protocol-relative URL', '\\\\evil.example.com\\results\\Out'],
    ['user info on the job origin', `https://user:pw@gis.example.com${PATH}/viewshed/jobs/j0123456789abcdef/results/Out`],
    ['../../..', '../../..'],
    ['another job', '../j999/results/Out'],
    ['%2e%2e/', '%2e%2e/%2e%2e/%2e%2e/Other/GPServer'],
    ['%2E%2E/', '%2E%2E/%2E%2E/x'],
    ['results/../../../../other', 'results/../../../../other'],
    ['results/%2e%2e/%2e%2e', 'results/%2e%2e/%2e%2e/x'],
    ['results/%252e%252e', 'results/%252e%252e/%252e%252e/x'],
    ['an encoded slash', 'results/..%2f..%2f..%2fx'],
    ['backslash dot segments', 'results\\..\\..\\..\\x'],
    ['a newline inside ..', 'results/.\n./.\n./x'],
    ['./results', './results/Out'],
    ['an absolute path to another job', `${PATH}/viewshed/jobs/j999/results/Out`],
    ['an absolute path elsewhere', '/arcgis/admin/machines'],
    ['the job inputs', 'inputs/Input_Observation_Point'],
    ['the results folder itself', 'results/'],
    ['results without a name', 'results'],
    ['a results look-alike', 'resultsX/Out'],
    ['the job itself', ''],
    ['file:', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['a decimal IP', 'http://2130706433/results/Out'],
    ['an IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/results/Out'],
  ];
  it.each(hostile)('should refuse %s', (_name, paramUrl) => {
    const error = thrown(() => resolveParamUrl(JOB, paramUrl));
    expect(error.code).toBe('UPSTREAM_URL_REJECTED');
    expect(error.message).toContain('paramUrl');
  });

  it('should refuse a job URL that is not plain (a job id of "..")', () => {
    expect(thrown(() => resolveParamUrl(`${SERVICE}/viewshed/jobs/..`, 'results/Out')).code).toBe('UPSTREAM_URL_REJECTED');
    expect(thrown(() => resolveParamUrl(`${SERVICE}/viewshed/jobs/%2e%2e`, 'results/Out')).code).toBe('UPSTREAM_URL_REJECTED');
    expect(thrown(() => resolveParamUrl('file:///jobs/j1', 'results/Out')).code).toBe('UPSTREAM_URL_REJECTED');
  });

  it('should keep an IP-literal job origin exactly as configured', () => {
    const job = 'http://127.0.0.1:6080/arcgis/rest/services/Local/Tool/GPServer/task/jobs/j1';
    expect(resolveParamUrl(job, 'http://2130706433:6080/arcgis/rest/services/Local/Tool/GPServer/task/jobs/j1/results/Out').href).toBe(
      `${job}/results/Out`,
    );
    expect(() =>
      resolveParamUrl(job, 'http://[::ffff:127.0.0.1]:6080/arcgis/rest/services/Local/Tool/GPServer/task/jobs/j1/results/Out'),
    ).toThrow(GatewayError);
  });
});

describe('guardForSources', () => {
  it('should allow the explicit services (alias stripped) and the services roots, nothing else', () => {
    const fromSources = guardForSources([
      { kind: 'service', url: `${SERVICE}#Elev` },
      { kind: 'service', url: 'https://gis.example.com/arcgis/rest/services/GPFolder/Buffer/GPServer/', alias: 'buf' },
      { kind: 'services-root', url: ` ${ROOT}?f=pjson ` },
      { kind: 'service', url: 'not a url#x' },
      { kind: 'services-root', url: 'ftp://files.example.com/rest/services' },
    ]);
    for (const url of [
      SERVICE,
      `${SERVICE}/viewshed/jobs/j1/results/Out`,
      'https://gis.example.com/arcgis/rest/services/GPFolder/Buffer/GPServer/Buffer/execute',
      `${ROOT}/Folder`,
      `${ROOT}/Folder/Svc/GPServer/task`,
    ]) {
      expect(fromSources.allows(url), url).toBe(true);
    }
    for (const url of [
      `${SERVICE}Elev`,
      `${SERVICE}%23Elev/x`,
      'https://gis.example.com/arcgis/rest/services/Elevation/Other/GPServer',
      'https://gis.example.com/arcgis/rest/services',
      'https://maps.example.org:8443/server/rest/info',
      'ftp://files.example.com/rest/services/x',
      'http://2130706433/arcgis/rest/services/Elevation/Viewshed/GPServer',
    ]) {
      expect(fromSources.allows(url), url).toBe(false);
    }
  });
});
