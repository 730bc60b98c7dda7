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

/** A synchronous run with a file output computed from an uploaded raster: the embedded ZonalStatistics. */
export const RUN_ZONAL_STATISTICS = gql`
  mutation ($input: ZonalStatisticsInput!) {
    runZonalStatistics(input: $input) {
      status
      results {
        outStatisticsFile {
          url
          upstreamUrl
        }
      }
    }
  }
`;

export type ZonalStatisticsRun = {
  runZonalStatistics: { status: string; results: { outStatisticsFile: { url: string; upstreamUrl: string } } };
};
