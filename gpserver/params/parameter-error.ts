import type { ParameterDefinition } from '../model/gp-parameter.js';

type Named = Pick<ParameterDefinition, 'name' | 'displayName'>;

/**
 * One rejected input parameter. The message follows ArcGIS wording so clients that
 * pattern-match on it (or people used to ArcGIS) recognise it; `detail` is kept apart
 * so composite parsing can quote a member's reason without the prefix.
 */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  readonly parameter: string;
  readonly displayName: string;
  readonly detail: string;

  constructor(param: Named, detail: string, message?: string) {
    super(message ?? `Invalid value for parameter '${param.name}' (${param.displayName}): ${detail}`);
    this.parameter = param.name;
    this.displayName = param.displayName;
    this.detail = detail;
  }

  /** ArcGIS reports a missing required value as ERROR 000735, naming the display name. */
  static required(param: Named): ParameterError {
    const detail = 'Value is required';
    return new ParameterError(param, detail, `ERROR 000735: ${param.displayName}: ${detail} (parameter '${param.name}')`);
  }
}

/** Every rejected parameter of one request, so the error body's `details` can list all of them at once. */
export class ParameterErrors extends Error {
  override readonly name = 'ParameterErrors';
  readonly errors: readonly ParameterError[];

  constructor(errors: readonly ParameterError[]) {
    super(errors.map((error) => error.message).join('\n'));
    this.errors = errors;
  }
}
