/**
 * Looks at every message from the client before it is dispatched (a JSON-RPC message
 * strategy), so that no handler ever reads params it cannot use:
 *
 * - a request with malformed params is answered with -32602 (InvalidParams) saying which
 *   field is wrong, instead of failing inside a handler with "Cannot read properties of null";
 * - a request about a document the server has never seen (not open, not in the workspace)
 *   gets the empty answer LSP allows for it (`null`), as for a position with nothing there;
 * - a notification with malformed params is ignored, with a line in the log saying why.
 *
 * A strategy can only pass a message on, so a request the guard answers itself is passed on
 * as a call of one of its own methods (same id), whose handler gives the answer.
 */
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy } from 'vscode-languageserver';
import { paramsProblem, requestedDocument } from './params-check.js';

/** The guard's own methods: never sent by a client, only by the guard to itself. */
const ANSWER_INVALID_PARAMS = '$/playbook/answerInvalidParams';
const ANSWER_NOTHING = '$/playbook/answerNothing';

export interface MessageGuardContext {
    /** Whether the server has this document (open in the editor, or read from the workspace). */
    knowsDocument(uri: string): boolean;
    /** Writes a line to the client's log. */
    warn(message: string): void;
}

export class MessageGuard implements MessageStrategy {
    private context: MessageGuardContext | undefined;

    /** Registers the guard's answers on the connection; until then messages pass unchecked. */
    attach(connection: Connection, context: MessageGuardContext): void {
        connection.onRequest(ANSWER_INVALID_PARAMS, (params: { problem: string }) => new ResponseError(ErrorCodes.InvalidParams, params.problem));
        connection.onRequest(ANSWER_NOTHING, () => null);
        this.context = context;
    }

    handleMessage(message: Message, next: (message: Message) => void): void {
        const context = this.context;
        if (!context) {
            return next(message);
        }
        if (Message.isRequest(message)) {
            const problem = paramsProblem(message.method, message.params);
            if (problem !== undefined) {
                return next({ ...message, method: ANSWER_INVALID_PARAMS, params: { problem: `${message.method}: ${problem}.` } } as Message);
            }
            const uri = requestedDocument(message.method, message.params);
            if (uri !== undefined && !context.knowsDocument(uri)) {
                return next({ ...message, method: ANSWER_NOTHING, params: {} } as Message);
            }
        } else if (Message.isNotification(message)) {
            const problem = paramsProblem(message.method, message.params);
            if (problem !== undefined) {
                context.warn(`Ignored a ${message.method} notification: ${problem}.`);
                return;
            }
        }
        return next(message);
    }
}
