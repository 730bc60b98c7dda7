/** A scripted asynchronous service whose one task takes features and gives features: links of any chain. */
import {
  gpParameter,
  SAMPLE_FEATURES,
  startScriptedGpServer,
  type ScriptedGpServer,
  type ScriptedService,
} from '../../support/scripted-gpserver.js';

export const RELAY_SERVICE = 'Chain/Relay';

const FEATURE_SCHEMA = { ...SAMPLE_FEATURES, features: [] };

export const RELAY: ScriptedService = {
  name: RELAY_SERVICE,
  executionType: 'esriExecutionTypeAsynchronous',
  tasks: [
    {
      name: 'Relay',
      parameters: [
        gpParameter('Zones', 'GPFeatureRecordSetLayer', 'Input', false, { defaultValue: FEATURE_SCHEMA }),
        gpParameter('Label', 'GPString', 'Input'),
        gpParameter('Features', 'GPFeatureRecordSetLayer', 'Output', false, { defaultValue: FEATURE_SCHEMA }),
      ],
      values: { Features: SAMPLE_FEATURES },
    },
  ],
};

/** The relay service in manual mode: each job moves on only when the test says so. */
export function startRelayServer(): Promise<ScriptedGpServer> {
  return startScriptedGpServer({ services: [RELAY], advance: 'manual' });
}

/** `one → two → three`, each taking the previous one's features. */
export const THREE_RELAYS = /* GraphQL */ `
  mutation ($deadline: Int) {
    submitWorkflow(
      deadlineSeconds: $deadline
      steps: [
        { id: "one", run: { relay: { label: "first" } } }
        { id: "two", run: { relay: { label: "second", zonesFrom: { step: "one", output: "Features" } } } }
        { id: "three", run: { relay: { label: "third", zonesFrom: { step: "two", output: "Features" } } } }
      ]
    ) {
      id
      status
    }
  }
`;

export const WORKFLOW_STATE = /* GraphQL */ `
  query ($id: ID!) {
    workflow(id: $id) {
      id
      status
      final
      messages {
        description
      }
      failedStep {
        id
        task
        error {
          code
          message
        }
      }
      steps {
        id
        status
        handOvers {
          input
          fromStep
          output
          mode
        }
        job {
          jobId
          status
        }
        error {
          code
          message
        }
      }
    }
  }
`;

export interface StepView {
  id: string;
  status: string;
  handOvers: { input: string; fromStep: string; output: string; mode: string }[];
  job: { jobId: string; status: string } | null;
  error: { code: string; message: string } | null;
}

export interface WorkflowView {
  id: string;
  status: string;
  final: boolean;
  messages: { description: string }[];
  failedStep: { id: string; task: string; error: { code: string; message: string } | null } | null;
  steps: StepView[];
}
