import { ESRI_MESSAGE_TYPES } from '../../gp-rest/vocabulary.js';
import type { Builder } from '../builder.js';
import { esriEnumValues } from '../enum-from-esri.js';
import type { GpMessageShape } from '../../resolvers/views.js';

const MESSAGE_TYPES: readonly string[] = ESRI_MESSAGE_TYPES;

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
