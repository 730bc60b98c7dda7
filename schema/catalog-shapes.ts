/**
 * Fields made from a catalog have argument and result types chosen at run time (an input type only
 * when the task has inputs, an output type per GP data type), so Pothos cannot infer their shapes and
 * types them as unions it cannot narrow. These two functions are the only place where the schema
 * tells TypeScript what it built: the arguments have the shape their builder declared, and a result
 * is whatever the field's GraphQL type serialises (checked by graphql-js at run time, not by TypeScript).
 */

/** A catalog-built field's arguments, read as the shape its builder declared. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape: this is the cast, confined
export function catalogArgs<Args extends object>(raw: object): Args {
  return raw as Args;
}

/** A value for a field whose GraphQL type was picked from the catalog. */
export function catalogValue(value: unknown): never {
  return value as never;
}
