import { qualifiedServiceName, type ServiceDefinition, type TaskDefinition } from '../model/service.js';

/** The ArcGIS Server release whose REST responses this server reproduces. */
export const CURRENT_VERSION = 11.3;

/** Root or folder listing (https://developers.arcgis.com/rest/services-reference/enterprise/catalog.htm). */
export function describeDirectory(folders: readonly string[], services: readonly ServiceDefinition[]): object {
  return {
    currentVersion: CURRENT_VERSION,
    folders,
    services: services.map((s) => ({ name: qualifiedServiceName(s), type: 'GPServer' })),
  };
}

export function describeService(service: ServiceDefinition): object {
  return {
    currentVersion: CURRENT_VERSION,
    serviceDescription: service.serviceDescription,
    tasks: service.tasks.map((t) => t.name),
    executionType: service.executionType,
    resultMapServerName: service.resultMapServerName,
    maximumRecords: service.maximumRecords,
    capabilities: 'Uploads',
  };
}

export function describeTask(service: ServiceDefinition, task: TaskDefinition): object {
  return {
    name: task.name,
    displayName: task.displayName,
    description: task.description,
    category: task.category,
    helpUrl: task.helpUrl,
    executionType: service.executionType,
    parameters: task.parameters.map((p) => ({
      name: p.name,
      dataType: p.dataType,
      displayName: p.displayName,
      description: p.description,
      direction: p.direction,
      defaultValue: p.defaultValue ?? null,
      parameterType: p.parameterType,
      category: p.category,
      ...(p.choiceList ? { choiceList: p.choiceList } : {}),
      ...(p.parameterInfos ? { parameterInfos: p.parameterInfos } : {}),
    })),
  };
}
