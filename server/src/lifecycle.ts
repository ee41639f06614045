/**
 * Shutdown as the LSP spec has it: every request received before `shutdown` is answered before
 * `shutdown` is, and every request after it is refused with InvalidRequest. A message strategy of
 * the JSON-RPC connection: it sees each message as it is dispatched, in the order received, and
 * knows when each request's response has been written, so no feature needs to know about it.
 */
import { ErrorCodes, Message, ResponseError, ShutdownRequest, type Connection, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';

/** Where a request received after `shutdown` is sent instead of its own handler, to be refused. */
const REFUSED_METHOD = '$/postmortem/afterShutdown';

export class Lifecycle implements MessageStrategy {
  /** Requests dispatched whose response is not written yet. */
  private readonly pending = new Set<Promise<void>>();
  private shuttingDown = false;

  handleMessage(message: Message, next: (message: Message) => Promise<void> | void): Promise<void> | void {
    if (!Message.isRequest(message)) return next(message);
    if (this.shuttingDown) {
      const refused: RequestMessage = { jsonrpc: message.jsonrpc, id: message.id, method: REFUSED_METHOD, params: { method: message.method } };
      return next(refused);
    }
    if (message.method === ShutdownRequest.method) {
      this.shuttingDown = true;
      // Each promise settles once its request's response is written: shutdown's comes after all.
      return Promise.allSettled([...this.pending]).then(() => next(message));
    }
    const answered = Promise.resolve(next(message));
    this.pending.add(answered);
    const settled = (): void => void this.pending.delete(answered);
    answered.then(settled, settled);
    return answered;
  }

  /** Registers the handler that refuses the requests received after `shutdown`. */
  listen(connection: Connection): void {
    connection.onRequest(REFUSED_METHOD, (params: { method: string }) => {
      throw new ResponseError(ErrorCodes.InvalidRequest, `${params.method}: the server received "shutdown" and answers no more requests`);
    });
  }
}
