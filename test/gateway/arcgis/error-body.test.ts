import { describe, expect, it } from 'vitest';
import { checkForErrors, errorCodeFor, readErrorBody } from '../../../gateway/arcgis/error-body.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';

describe('error body', () => {
  it('should pass a normal answer through', () => {
    const json = { jobId: 'j', jobStatus: 'esriJobSucceeded' };
    expect(checkForErrors(json, 'http://h/x')).toBe(json);
    expect(readErrorBody([1, 2])).toBeUndefined();
    expect(readErrorBody({ error: 'text' })).toBeUndefined();
  });

  it('should read loose variants: string codes, string details, objects in details', () => {
    expect(readErrorBody({ error: { code: '498', message: 'Invalid token.', details: 'expired' } })).toEqual({
      code: 498,
      message: 'Invalid token.',
      details: ['expired'],
    });
    expect(readErrorBody({ error: { message: 'x', details: [{ a: 1 }, 'y'] } })).toEqual({
      code: undefined,
      message: 'x',
      details: ['{"a":1}', 'y'],
    });
  });

  it('should recognise the tool failure message whatever its case and trailing text', () => {
    expect(errorCodeFor({ code: 500, message: 'ERROR executing tool. ', details: [] })).toBe('TASK_FAILED');
    expect(errorCodeFor({ code: 500, message: 'Unable to complete operation.', details: [] })).toBe('UPSTREAM_ERROR');
    expect(errorCodeFor({ code: undefined, message: '', details: [] })).toBe('UPSTREAM_ERROR');
  });

  it('should throw a GatewayError with the code, details and URL, masking tokens the server echoed', () => {
    const run = (): unknown =>
      checkForErrors(
        { error: { code: 400, message: 'Bad request to /x?token=abc123', details: ['see ?f=json&token=abc123'] } },
        'http://h/x',
      );
    expect(run).toThrow(GatewayError);
    try {
      run();
    } catch (error) {
      const e = error as GatewayError;
      expect(e.code).toBe('UPSTREAM_ERROR');
      expect(e.info).toEqual({ arcgisCode: 400, details: ['see ?f=json&token=***'], url: 'http://h/x' });
      expect(e.message).toBe('ArcGIS error 400 from http://h/x: Bad request to /x?token=*** — see ?f=json&token=***');
    }
  });
});
