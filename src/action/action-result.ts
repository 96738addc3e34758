/** What a step of the action leaves behind: its outputs, its job summary and its exit code. */
export interface ActionResult {
  outputs: ActionOutputs;
  /** Markdown for $GITHUB_STEP_SUMMARY. */
  summary: string;
  exitCode: number;
  /** Workflow commands the runner turns into annotations at a file and line (lint findings). */
  annotations?: string;
}

/** The outputs action.yml declares (a test keeps the two equal); values are strings, as the runner keeps them. */
export interface ActionOutputs {
  'plan-id': string;
  'has-changes': 'true' | 'false';
  destructive: 'true' | 'false';
  'mr-url': string;
  result: string;
  /** targets: the next wave as {"plan", "wave", "target": [names]} for strategy.matrix; empty otherwise. */
  matrix: string;
}

export const OUTPUT_NAMES = ['plan-id', 'has-changes', 'destructive', 'mr-url', 'result', 'matrix'] as const satisfies readonly (keyof ActionOutputs)[];

export function actionOutputs(values: { planId?: string; hasChanges: boolean; destructive: boolean; mergeRequestUrl?: string; result: string; matrix?: string }): ActionOutputs {
  return {
    'plan-id': values.planId ?? '',
    'has-changes': values.hasChanges ? 'true' : 'false',
    destructive: values.destructive ? 'true' : 'false',
    'mr-url': values.mergeRequestUrl ?? '',
    result: values.result,
    matrix: values.matrix ?? '',
  };
}
