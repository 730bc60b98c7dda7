import { withoutUpstreamHosts } from '../../core/private-upstream.js';
import type { Builder } from '../builder.js';

export interface ParameterView {
  readonly name: string;
  readonly fieldName: string;
  readonly dataType: string;
  readonly displayName: string;
  readonly description: string;
  readonly direction: 'INPUT' | 'OUTPUT';
  readonly required: boolean;
  readonly choiceList: readonly string[] | undefined;
  readonly defaultValue: unknown;
}

export interface TaskView {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly helpUrl: string;
  readonly execution: 'SYNCHRONOUS' | 'ASYNCHRONOUS';
  readonly runField: string;
  readonly submitField: string | undefined;
  readonly parameters: readonly ParameterView[];
}

export interface ServiceView {
  readonly name: string;
  readonly url: string;
  readonly alias: string | undefined;
  readonly status: 'OK' | 'ERROR';
  readonly error: string | undefined;
  readonly description: string | undefined;
  readonly execution: 'SYNCHRONOUS' | 'ASYNCHRONOUS' | undefined;
  readonly version: number | undefined;
  readonly tasks: readonly TaskView[];
}

/** `Query.services`: what the gateway fronts, how each task maps to GraphQL, and which services are down. */
export function addCatalogTypes(builder: Builder) {
  const executionType = builder.enumType('ExecutionType', { values: ['SYNCHRONOUS', 'ASYNCHRONOUS'] as const });
  const serviceStatus = builder.enumType('ServiceStatus', {
    values: {
      OK: { description: 'Introspected; its tasks are in the schema.' },
      ERROR: { description: 'Could not be introspected; retried in the background. `error` says why.' },
    },
  });
  const direction = builder.enumType('ParameterDirection', { values: ['INPUT', 'OUTPUT'] as const });
  const parameter = builder.objectRef<ParameterView>('GPParameter').implement({
    fields: (t) => ({
      name: t.exposeString('name', { nullable: false, description: 'The GP parameter name.' }),
      fieldName: t.exposeString('fieldName', { nullable: false, description: 'The GraphQL field it maps to.' }),
      dataType: t.exposeString('dataType', { nullable: false, description: 'The GP data type as published.' }),
      displayName: t.exposeString('displayName', { nullable: false }),
      description: t.exposeString('description', { nullable: false }),
      direction: t.field({ type: direction, nullable: false, resolve: (p) => p.direction }),
      required: t.exposeBoolean('required', { nullable: false }),
      choiceList: t.stringList({ nullable: true, resolve: (p) => p.choiceList }),
      defaultValue: t.field({ type: 'JSON', nullable: true, resolve: (p) => p.defaultValue }),
    }),
  });
  const task = builder.objectRef<TaskView>('GPTask').implement({
    fields: (t) => ({
      name: t.exposeString('name', { nullable: false }),
      displayName: t.exposeString('displayName', { nullable: false }),
      description: t.exposeString('description', { nullable: false }),
      helpUrl: t.exposeString('helpUrl', { nullable: false }),
      executionType: t.field({ type: executionType, nullable: false, resolve: (k) => k.execution }),
      runField: t.exposeString('runField', { nullable: false, description: 'The Mutation field that runs the task.' }),
      submitField: t.string({
        nullable: true,
        description: 'The Mutation field that submits it as a job (asynchronous tasks).',
        resolve: (k) => k.submitField,
      }),
      parameters: t.field({ type: [parameter], nullable: false, resolve: (k) => k.parameters }),
    }),
  });
  const service = builder.objectRef<ServiceView>('GPService').implement({
    fields: (t) => ({
      name: t.exposeString('name', { nullable: false, description: "'Folder/Name' as the services directory names it." }),
      url: t.string({
        nullable: true,
        description: "The GPServer's URL; null where the deployment keeps upstream hosts private (README › Security).",
        resolve: (s, _args, context) => (context.showUpstream === false ? null : s.url),
      }),
      alias: t.string({ nullable: true, resolve: (s) => s.alias }),
      status: t.field({ type: serviceStatus, nullable: false, resolve: (s) => s.status }),
      error: t.string({
        nullable: true,
        resolve: (s, _args, context) =>
          s.error !== undefined && context.upstreamInErrors !== true ? withoutUpstreamHosts(s.error) : s.error,
      }),
      description: t.string({ nullable: true, resolve: (s) => s.description }),
      executionType: t.field({ type: executionType, nullable: true, resolve: (s) => s.execution }),
      version: t.float({
        nullable: true,
        description:
          "The server's `currentVersion` (10.61 is 10.6.1): from 10.61 on, task options go as `context`, before as `env:*` parameters.",
        resolve: (s) => s.version,
      }),
      tasks: t.field({ type: [task], nullable: false, resolve: (s) => s.tasks }),
    }),
  });
  return { service, executionType };
}
