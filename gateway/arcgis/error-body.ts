/**
 * ArcGIS Server answers most failures with HTTP 200 and an error body,
 * `{"error":{"code":…,"message":…,"details":[…]}}`, so a 200 proves nothing by itself.
 * A typed counterpart of arcgis-rest-js's `checkForErrors`
 * (https://developers.arcgis.com/arcgis-rest-js/api-reference/arcgis-rest-request/checkForErrors).
 */
import { ERROR_CODES, type ErrorCode } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { redactTokens } from './safe-url.js';

export interface ArcGisErrorBody {
  /** undefined when the server sent no usable code. */
  readonly code: number | undefined;
  readonly message: string;
  readonly details: readonly string[];
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // Some releases send the code as a string ("498").
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function readDetails(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.map((d: unknown) => (typeof d === 'string' ? d : JSON.stringify(d)));
}

/** The error body of a response, or undefined when the JSON is not one. */
export function readErrorBody(json: unknown): ArcGisErrorBody | undefined {
  if (!isRecord(json) || !isRecord(json.error)) return undefined;
  const { code, message, details } = json.error;
  return {
    code: readCode(code),
    message: typeof message === 'string' ? message : '',
    details: readDetails(details),
  };
}

const TOOL_FAILED = /^error executing tool\b/i;

/** Which gateway code an ArcGIS error body maps to. */
export function errorCodeFor(body: ArcGisErrorBody): ErrorCode {
  if (body.code === 499) return ERROR_CODES.AUTH_REQUIRED;
  if (body.code === 498) return ERROR_CODES.AUTH_INVALID;
  if (body.code === 403) return ERROR_CODES.FORBIDDEN;
  if (TOOL_FAILED.test(body.message.trim())) return ERROR_CODES.TASK_FAILED;
  return ERROR_CODES.UPSTREAM_ERROR;
}

/** The error an error body means, naming the URL (already stripped of its query) and what ArcGIS said. */
export function errorFromBody(body: ArcGisErrorBody, url: string): GatewayError {
  const said = [body.message || 'no message', ...body.details].join(' — ');
  const code = body.code === undefined ? '' : ` ${body.code}`;
  return new GatewayError(errorCodeFor(body), redactTokens(`ArcGIS error${code} from ${url}: ${said}`), {
    ...(body.code === undefined ? {} : { arcgisCode: body.code }),
    details: body.details.map(redactTokens),
    url,
  });
}

/** Returns the JSON unchanged, or throws the GatewayError its error body means. */
export function checkForErrors(json: unknown, url: string): unknown {
  const body = readErrorBody(json);
  if (body) throw errorFromBody(body, url);
  return json;
}
