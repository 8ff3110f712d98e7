/**
 * The actor the server uses to start subprocesses and report their end; it appears in the history.
 * A case it started is a child: the only kind of case with a subprocess link to a parent.
 */
export const SUBPROCESS_ACTOR_ID = 'system:subprocess';
