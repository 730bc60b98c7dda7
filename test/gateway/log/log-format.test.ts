import { describe, expect, it } from 'vitest';
import { createLogger, logFormatFor } from '../../../gateway/log/pino-logger.js';

describe('log format', () => {
  it('should be pretty on a terminal and JSON otherwise, unless chosen', () => {
    expect(logFormatFor('auto', true)).toBe('pretty');
    expect(logFormatFor('auto', false)).toBe('json');
    expect(logFormatFor('json', true)).toBe('json');
    expect(logFormatFor('pretty', false)).toBe('pretty');
  });

  it('should print a person-readable line, with credentials still scrubbed', () => {
    const lines: string[] = [];
    const log = createLogger('info', (line) => lines.push(line), 'pretty');
    log.info('job submitted', { jobId: 'j1', url: 'https://gis.example.com/arcgis/rest/services/T/GPServer?token=SECRET-TOKEN' });
    const text = lines.join('');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: job submitted/);
    expect(text).toContain('"jobId":"j1"');
    expect(text).not.toContain('SECRET-TOKEN');
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('should print one JSON object a line by default', () => {
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line)).info('job submitted', { jobId: 'j1' });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', msg: 'job submitted', jobId: 'j1' });
  });
});
