import type { Builder } from '../builder.js';
import { esriEnumValues } from '../enum-from-esri.js';

export interface GpMessageShape {
  readonly type: string;
  readonly description: string;
}

const MESSAGE_TYPES = [
  'esriJobMessageTypeInformative',
  'esriJobMessageTypeWarning',
  'esriJobMessageTypeError',
  'esriJobMessageTypeEmpty',
  'esriJobMessageTypeAbort',
];

/** A geoprocessing message (`messages[{type, description}]` of execute results and jobs). */
export function addMessageTypes(builder: Builder) {
  const messageType = builder.enumType('GPMessageType', {
    values: esriEnumValues(MESSAGE_TYPES, 'esriJobMessageType'),
  });
  const gpMessage = builder.objectRef<GpMessageShape>('GPMessage').implement({
    description: 'A message the task wrote while it ran.',
    fields: (t) => ({
      type: t.field({
        type: messageType,
        nullable: false,
        // Servers of other versions may add message types; they read as INFORMATIVE rather than failing the list.
        resolve: (m) => (MESSAGE_TYPES.includes(m.type) ? m.type : 'esriJobMessageTypeInformative'),
      }),
      description: t.exposeString('description', { nullable: false }),
    }),
  });
  return { messageType, gpMessage };
}
