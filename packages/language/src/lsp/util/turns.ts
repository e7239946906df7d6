/**
 * Long answers (the symbols, folds or colours of a text of many megabytes) computed in turns:
 * every few thousand nodes the work gives the event loop a turn, so that the server reads
 * and answers other requests meanwhile, and stops as soon as its own request is cancelled
 * (editors cancel these requests on every keystroke). Counted in nodes rather than in
 * milliseconds, so that where the turns fall does not depend on the machine.
 */
import { delayNextTick, OperationCancelled, type Cancellation } from 'langium';

/** Nodes visited between two turns: a few milliseconds of work. */
export const NODES_PER_TURN = 2000;

/**
 * A function to call once per node visited: it returns a promise to await when a turn is
 * due, else undefined (most calls cost a counter increment). Throws `OperationCancelled`
 * at once if the request is already cancelled.
 */
export function takeTurns(cancelToken: Cancellation.CancellationToken, every = NODES_PER_TURN): () => Promise<void> | undefined {
    if (cancelToken.isCancellationRequested) {
        throw OperationCancelled;
    }
    let count = 0;
    return () => {
        if (++count < every) return undefined;
        count = 0;
        return nextTurn(cancelToken);
    };
}

async function nextTurn(cancelToken: Cancellation.CancellationToken): Promise<void> {
    await delayNextTick();
    if (cancelToken.isCancellationRequested) {
        throw OperationCancelled;
    }
}
