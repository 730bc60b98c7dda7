import { ERROR_CODES } from '../core/errors/error-codes.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { UploadedItem } from '../core/files/uploaded-item.js';
import { asUploadError, type UploadItems } from '../resolvers/staged-uploads.js';
import type { Builder } from './builder.js';
import { accessOf } from './context.js';
import { epochMsToDateTime } from './scalars.js';

/** A configured service, as `uploadItem` finds it. */
export interface UploadTarget {
  readonly name: string;
  readonly url: string;
  readonly alias: string | undefined;
}

function findService(services: readonly UploadTarget[], wanted: string): UploadTarget {
  const key = wanted.trim().replace(/\/+$/, '').toLowerCase();
  const found = services.find((s) => [s.name, s.url, s.alias ?? ''].some((name) => name.toLowerCase() === key));
  if (!found)
    throw new GatewayError(
      ERROR_CODES.INVALID_INPUT,
      `No configured service is named '${wanted}' (give its 'Folder/Name', alias or GPServer URL).`,
    );
  return found;
}

/**
 * `uploadItem(service, file, description)`: the file to the service's `uploads/upload`, with the
 * caller's credential; the item id it returns can be given to any file input of that service
 * (`{itemId}`), as often as needed, until the server expires the item.
 */
export function addUploadFields(builder: Builder, services: readonly UploadTarget[], uploads: UploadItems): void {
  const item = builder.objectRef<UploadedItem>('UploadedItem').implement({
    description: "An item of a service's uploads/: pass `itemId` to a file input (DataFileInput, RasterInput).",
    fields: (t) => ({
      itemId: t.exposeID('itemId', { nullable: false }),
      itemName: t.exposeString('itemName', { nullable: false }),
      description: t.string({ nullable: true, resolve: (i) => i.description }),
      date: t.field({ type: 'DateTime', nullable: true, resolve: (i) => (i.date === null ? null : epochMsToDateTime(i.date)) }),
      committed: t.exposeBoolean('committed', { nullable: false }),
    }),
  });
  builder.mutationField('uploadItem', (t) =>
    t.field({
      type: item,
      nullable: false,
      description: "Uploads a file (GraphQL multipart request) to a service's uploads/ and returns the item.",
      args: {
        service: t.arg.string({ required: true, description: "The service's name ('Folder/Name'), alias or GPServer URL." }),
        file: t.arg({ type: 'Upload', required: true }),
        description: t.arg.string(),
      },
      resolve: async (_root, args, context) => {
        const target = findService(services, args.service);
        try {
          return await uploads.upload(target.url, args.file, args.description, accessOf(context));
        } catch (error) {
          throw asUploadError(error);
        }
      },
    }),
  );
}
