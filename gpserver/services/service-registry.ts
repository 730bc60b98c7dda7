import { qualifiedServiceName, type ServiceDefinition, type TaskDefinition } from '../model/service.js';

/** The services a server publishes, looked up as the REST directory names them. */
export class ServiceRegistry {
  private readonly byName = new Map<string, ServiceDefinition>();

  constructor(readonly services: readonly ServiceDefinition[]) {
    for (const service of services) this.byName.set(qualifiedServiceName(service).toLowerCase(), service);
  }

  folders(): string[] {
    return [...new Set(this.services.map((s) => s.folder).filter((f) => f !== ''))].sort();
  }

  hasFolder(folder: string): boolean {
    return this.folders().some((f) => f.toLowerCase() === folder.toLowerCase());
  }

  servicesIn(folder: string): ServiceDefinition[] {
    return this.services.filter((s) => s.folder.toLowerCase() === folder.toLowerCase());
  }

  /** Service names are case-insensitive in ArcGIS Server URLs. */
  service(name: string): ServiceDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  task(service: ServiceDefinition, name: string): TaskDefinition | undefined {
    return service.tasks.find((t) => t.name === name) ?? service.tasks.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
}
