import { gql } from '@urql/core';

/** A synchronous run with a file output: the embedded TableToPoints, its file's gateway link and upstream URL. */
export const RUN_TABLE_TO_POINTS = gql`
  mutation ($input: TableToPointsInput!) {
    runTableToPoints(input: $input) {
      results {
        outputFile {
          url
          upstreamUrl
        }
      }
    }
  }
`;

export type TableToPointsRun = { runTableToPoints: { results: { outputFile: { url: string; upstreamUrl: string } } } };
