import type { CatalogTask } from '../core/catalog.js';

/**
 * A description led by `lead`, then the task's published description and help page: every root field
 * and type of a task carries them, whether it runs synchronously or as a job.
 */
export function taskDescription(task: CatalogTask, lead: string): string {
  return [lead, task.description, task.helpUrl ? `Help: ${task.helpUrl}` : ''].filter((s) => s !== '').join('\n\n');
}
