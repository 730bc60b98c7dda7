/**
 * graphql-request with documents typed by GraphQL Code Generator (client preset, `codegen.ts` at
 * the repository root; the generated `examples/gql/` is committed and a test checks it is current).
 * Buffers two points, dissolved, and reads the result as GeoJSON: every variable and field typed.
 *
 *   npx tsx examples/graphql-request.ts [http://localhost:4000/graphql]
 */
import { GraphQLClient } from 'graphql-request';
import { graphql } from './gql/index.js';

const BUFFER = graphql(`
  mutation BufferPoints($input: BufferInput!) {
    runBuffer(input: $input) {
      results {
        outputPolygons(format: GEOJSON) {
          featureCount
          spatialReference {
            wkid
          }
          data
        }
      }
      messages {
        type
        description
      }
    }
  }
`);

export async function runGraphqlRequestExample(url: string, print: (line: string) => void = console.log): Promise<number> {
  const client = new GraphQLClient(url);
  const { runBuffer } = await client.request(BUFFER, {
    input: {
      inputFeatures: {
        geoJson: {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [10, 50] } },
            { type: 'Feature', properties: { name: 'b' }, geometry: { type: 'Point', coordinates: [10.001, 50] } },
          ],
        },
      },
      distance: { distance: 100, units: 'METERS' },
      dissolveType: 'ALL',
    },
  });
  const polygons = runBuffer.results.outputPolygons;
  print(`buffered into ${polygons?.featureCount ?? 0} polygon(s), wkid ${polygons?.spatialReference?.wkid ?? '?'}`);
  for (const message of runBuffer.messages) print(`  ${message.type}: ${message.description}`);
  return polygons?.featureCount ?? 0;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runGraphqlRequestExample(process.argv[2] ?? 'http://localhost:4000/graphql');
}
