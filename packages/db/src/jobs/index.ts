export {
  createJobQueue,
  type EnqueuePollsOptions,
  JOB_SCHEMA,
  type JobQueue,
  type JobQueueOptions,
  POLL_HOST_QUEUE,
  type PollJob,
  type PollJobOutput,
  type WorkPollsOptions,
} from "./job-queue";
export { listPollJobs, type PollJobRow } from "./poll-history";
