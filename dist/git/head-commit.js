import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
/**
 * The commit checked out in the repository that holds `schemaPath`, or `none` outside a git
 * repository (a plan made from loose files still names its source honestly).
 */
export async function headCommit(schemaPath) {
    const info = await stat(schemaPath).catch(() => undefined);
    const dir = info?.isDirectory() ? schemaPath : info ? path.dirname(schemaPath) : process.cwd();
    try {
        const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: dir });
        return stdout.trim() || 'none';
    }
    catch {
        return 'none';
    }
}
//# sourceMappingURL=head-commit.js.map