import type { JobRef } from '../core/jobs/job-state.js';
import type { ExecuteResult } from '../resolvers/execute-result.js';
import { GATEWAY_CREDENTIAL } from '../core/credential.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import { featureSetsIn } from '../resolvers/convert/feature-set.js';
import { WGS84_WKID, type FeatureFormatName } from '../resolvers/views.js';
import type { ArgBuilder } from '@pothos/core';
import type { Builder, Types } from './builder.js';
import { catalogArgs, catalogValue } from './catalog-shapes.js';
import type { GatewayContext } from './context.js';
import type { SharedTypes } from './shared-types.js';
import { describeParameter, type MappedParam } from './task-parameters.js';

/** The parent of a finished job's `<Prefix>Outputs`: which job; each field fetches its own output. */
export interface JobResults {
  readonly ref: JobRef;
  /** Output name → `paramUrl` from the job status, when the server listed them. */
  readonly paramUrls: Readonly<Record<string, string>> | undefined;
}

interface LazyArgs {
  readonly format?: FeatureFormatName | null;
  readonly outSR?: number | null;
  readonly returnZ?: boolean | null;
  readonly returnM?: boolean | null;
}

/** The parts every output field shares: type, nullability (a failing output errors only itself), description, extensions. */
function outputField({ param, mapping }: MappedParam) {
  return {
    type: mapping.output,
    nullable: true,
    description: describeParameter(param, mapping),
    extensions: { gpName: param.name, gpDataType: param.dataType },
  } as const;
}

/**
 * An outputs object: one field per output parameter, with the shared parts of `outputField`, a
 * `format` argument for features, and the arguments and value source the caller gives.
 */
function addOutputsObject<Parent>(
  builder: Builder,
  name: string,
  description: string,
  outputs: readonly MappedParam[],
  formatArg: SharedTypes['featureFormat'],
  extraArgs: (arg: ArgBuilder<Types>) => Record<string, ReturnType<ArgBuilder<Types>['int']> | ReturnType<ArgBuilder<Types>['boolean']>>,
  value: (parent: Parent, output: MappedParam, args: LazyArgs, context: GatewayContext) => unknown,
) {
  return builder.objectRef<Parent>(name).implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        outputs.map((output) => [
          output.field,
          t.field({
            ...outputField(output),
            args: {
              ...(output.mapping.featureOutput ? { format: t.arg({ type: formatArg, defaultValue: 'ESRI_JSON' }) } : {}),
              ...extraArgs(t.arg),
            },
            resolve: async (parent, args, context) => catalogValue(await value(parent, output, catalogArgs<LazyArgs>(args), context)),
          }),
        ]),
      ),
  });
}

/** A synchronous output as `outSR` asks: the server answered already, so feature sets are projected here. */
function outputIn(value: unknown, output: MappedParam, outSR: number | null | undefined): unknown {
  return outSR == null || !output.mapping.featureOutput ? value : featureSetsIn(value, outSR, output.param.name);
}

/** `<Prefix>Outputs` of a synchronous task: the values `execute` returned. */
export function addSyncOutputs(builder: Builder, shared: SharedTypes, name: string, description: string, outputs: readonly MappedParam[]) {
  if (outputs.length === 0) return undefined;
  return addOutputsObject<ExecuteResult>(
    builder,
    name,
    description,
    outputs,
    shared.featureFormat,
    (arg) => ({
      outSR: arg.int({ description: 'Well-known ID of the spatial reference to return features in (projected by the gateway).' }),
    }),
    (parent, output, args, context) =>
      output.mapping.fromGp(outputIn(parent.values.get(output.param.name), output, args.outSR), {
        ...args,
        parameter: output.param.name,
        source: { credential: context.credential ?? GATEWAY_CREDENTIAL },
      }),
  );
}

/**
 * `<Prefix>Outputs` of an asynchronous task: each field fetches `jobs/<id>/results/<param>` only when
 * selected, through the request's DataLoader (aliases of one output with the same arguments: one fetch).
 * GeoJSON asks the server for WGS84 (`outSR=4326`) unless an `outSR` is given.
 */
export function addLazyOutputs(builder: Builder, shared: SharedTypes, name: string, description: string, outputs: readonly MappedParam[]) {
  if (outputs.length === 0) return undefined;
  const extraArgs = (arg: ArgBuilder<Types>) => ({
    outSR: arg.int({ description: 'Well-known ID of the spatial reference to return features in.' }),
    returnZ: arg.boolean({ defaultValue: false }),
    returnM: arg.boolean({ defaultValue: false }),
  });
  return addOutputsObject<JobResults>(
    builder,
    name,
    description,
    outputs,
    shared.featureFormat,
    extraArgs,
    async (parent, output, args, context) => {
      if (!context.results) throw new GatewayError('UPSTREAM_UNREACHABLE', 'Results cannot be fetched outside a request.');
      const outSR = args.outSR ?? (args.format === 'GEOJSON' ? WGS84_WKID : undefined);
      const value = await context.results.load({
        ref: parent.ref,
        param: output.param.name,
        ...(parent.paramUrls?.[output.param.name] !== undefined ? { paramUrl: parent.paramUrls[output.param.name] } : {}),
        ...(outSR !== undefined ? { outSR } : {}),
        returnZ: args.returnZ ?? false,
        returnM: args.returnM ?? false,
      });
      return output.mapping.fromGp(value, { ...args, parameter: output.param.name, source: { job: parent.ref } });
    },
  );
}
