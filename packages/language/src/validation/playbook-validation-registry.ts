/**
 * Langium's registry wraps every check in an async function, so each of the ~50,000 nodes
 * of a large document costs a promise per check even though every Playbook check is
 * synchronous. This registry wraps checks so that a synchronous check stays synchronous;
 * an error thrown by a check is still reported on its node instead of aborting validation.
 */
import { isOperationCancelled, ValidationRegistry, type AstNode, type ValidationAcceptor, type ValidationCheck } from 'langium';

export class PlaybookValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node, accept, cancelToken) => {
            try {
                const result = check.call(thisObj, node, accept, cancelToken);
                if (result instanceof Promise) {
                    return result.catch(error => reportCheckError(error, accept, node));
                }
            } catch (error) {
                reportCheckError(error, accept, node);
            }
            return undefined;
        };
    }
}

function reportCheckError(error: unknown, accept: ValidationAcceptor, node: AstNode): void {
    if (isOperationCancelled(error)) throw error;
    // A defect of ours, not of the author's text: logged for us, shown to the author on the node.
    console.error('An error occurred during validation:', error);
    const details = error instanceof Error ? error.message : String(error);
    accept('error', `An error occurred during validation: ${details}`, { node });
}
