// Step Functions' execution statuses the system reacts to. Plain data, read by
// the catalog (the archive rule's filter) and by the archiving task itself.

/** The statuses of a closed execution, whose history will not change again. */
export const CLOSED_EXECUTION_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
