/**
 * Every kind of task the experiment runs, and the one place that maps a task kind to its data decoder
 * and its runner: `cv-fold` (a tabular candidate on a CV fold) and `rec-fold` (a recommender on a
 * fold of interactions). Loading this module registers both kinds with the execution layer's task
 * registry; executors and workers stay ignorant of what a task means and are handed
 * {@link EXPERIMENT_TASK_MODULE} to load.
 */
import { registerTaskKind } from '../execution/task-registry.js';
import { runCvTask, type CvTask } from './tabular/cv-task.js';
import type { CvTaskResult } from './run/fold-task.js';
import { datasetFromSnapshot, type Dataset } from './tabular/dataset.js';
import { recommendDataFromSnapshot, type RecommendTaskData } from './recommend/recommend-snapshot.js';
import { runRecommendTask, type RecommendTask } from './recommend/recommend-task.js';

/** A task of any kind; `id` is unique within a run, `dataset` names its snapshot. */
export type ExperimentTask = CvTask | RecommendTask;

/** What a task's snapshot decodes to. */
export type TaskData = Dataset | RecommendTaskData;

function isRecommendData(d: TaskData): d is RecommendTaskData {
  return (d as RecommendTaskData).kind === 'interactions';
}

/**
 * Decodes snapshot bytes into the data `task` runs on (checking the sha256).
 *
 * @example const data = taskDataFromSnapshot(task, readFileSync(`${task.dataset}.snapshot`));
 */
export function taskDataFromSnapshot(task: ExperimentTask, bytes: Buffer): TaskData {
  return task.kind === 'rec-fold' ? recommendDataFromSnapshot(bytes, task.dataset) : datasetFromSnapshot(bytes, task.dataset);
}

/**
 * Runs a task on its decoded data; results of every kind carry `taskId`, `score` and `fitSeconds`.
 *
 * @example const result = runExperimentTask(task, data);
 */
export function runExperimentTask(task: ExperimentTask, data: TaskData): CvTaskResult {
  if (task.kind === 'rec-fold') {
    if (!isRecommendData(data)) throw new Error(`task ${task.id} needs interactions but its snapshot holds a tabular data set`);
    return runRecommendTask(task, data);
  }
  if (isRecommendData(data)) throw new Error(`task ${task.id} needs a tabular data set but its snapshot holds interactions`);
  return runCvTask(task, data);
}

registerTaskKind<CvTask, TaskData, CvTaskResult>('cv-fold', { decode: taskDataFromSnapshot, run: runExperimentTask });
registerTaskKind<RecommendTask, TaskData, CvTaskResult>('rec-fold', { decode: taskDataFromSnapshot, run: runExperimentTask });

/** This module's URL: executors and worker threads load it to learn the experiment task kinds. */
export const EXPERIMENT_TASK_MODULE = new URL(import.meta.url);
