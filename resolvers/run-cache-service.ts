/** How the run cache names a service: operators mark tasks as `<name or alias>/<task>`. */
export interface RunCacheService {
  readonly url: string;
  /** `Folder/Name` as the services directory names it. */
  readonly name: string;
  readonly alias?: string;
}
