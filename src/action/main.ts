import path from 'node:path';
import { stepSummaryOf } from '../forge/hosts.js';
import { processSecrets } from '../secrets/process-secrets.js';
import { redactText } from '../secrets/redact.js';
import { ACTION_COMMANDS } from './action-commands.js';
import { failureResult } from './action-failure.js';
import type { ActionResult } from './action-result.js';
import { annotationsOf } from './annotations.js';
import { appendRunnerFile, outputLines } from './file-commands.js';
import { readInputs, type Inputs } from './inputs.js';
import { refuseForkPullRequestTarget } from './pull-request-event.js';
import { maskCommands, untrustedLines, workflowCommand } from '../secrets/workflow-commands.js';

/**
 * The GitHub Action's entry point (bundled into dist/action/). It turns the runner's INPUT_* and
 * GITHUB_* variables into the calls `schema-bot` makes, then hands back what the runner reads:
 * step outputs, a job summary and error annotations. Secrets are masked before anything is printed
 * and scrubbed from everything written.
 */
async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const write = (text: string) => process.stdout.write(text);
  let inputs: Inputs;
  try {
    inputs = readInputs(env);
  } catch (error) {
    write(workflowCommand('error', { title: 'schema-bot' }, (error as Error).message));
    return 1;
  }
  // Both the inputs and the variables: a step may pass one and the job set the other.
  const secrets = processSecrets(env, { connections: [inputs['database-url'], inputs['shadow-url']], tokens: inputs.token ? [inputs.token] : [] });
  for (const secret of new Set([...secrets.passwords, ...secrets.tokens])) write(maskCommands(secret));
  const redact = (text: string) => redactText(text, secrets);
  // What is logged (SQL, server messages, names from schema files) is not the action's own: the
  // runner must not read any line of it as a workflow command.
  const log = (message: string) => write(untrustedLines(redact(message)));

  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const repoDir = path.resolve(workspace, inputs['working-directory'] ?? '.');
  const commandEnv = { ...env, ...(inputs.token ? { GITHUB_TOKEN: inputs.token } : {}) };
  let result: ActionResult;
  try {
    await refuseForkPullRequestTarget(env);
    result = await ACTION_COMMANDS[inputs.command]({ inputs, env: commandEnv, repoDir, log });
  } catch (error) {
    for (const a of annotationsOf(error, workspace)) {
      write(workflowCommand('error', { title: `schema-bot ${inputs.command}`, file: a.file, line: a.line, col: a.col }, redact(a.message)));
    }
    result = failureResult(inputs.command, error);
  }
  // Built by workflowCommand, which escapes what the schema files said: the one text printed unframed.
  if (result.annotations) write(result.annotations);
  await appendRunnerFile(env.GITHUB_OUTPUT, outputLines({ ...result.outputs }));
  await appendRunnerFile(stepSummaryOf(env)?.file, redact(result.summary));
  log(result.summary);
  return result.exitCode;
}

process.exitCode = await main(process.env);
