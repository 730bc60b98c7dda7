export interface GpOptionsShape {
  readonly outSR?: number | null;
  readonly processSR?: number | null;
  readonly returnZ?: boolean | null;
  readonly returnM?: boolean | null;
}

/** The REST parameters for the options; absent options send nothing (the server's defaults apply). */
export function optionsToParams(options: GpOptionsShape | null | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  if (options?.outSR != null) params['env:outSR'] = String(options.outSR);
  if (options?.processSR != null) params['env:processSR'] = String(options.processSR);
  if (options?.returnZ != null) params.returnZ = String(options.returnZ);
  if (options?.returnM != null) params.returnM = String(options.returnM);
  return params;
}
