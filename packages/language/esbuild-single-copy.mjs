// An esbuild plugin that bundles one copy of each JSON-RPC / LSP protocol package, whatever
// copies npm installed. vscode-languageserver pins its own vscode-languageserver-protocol
// (and with it vscode-jsonrpc), while Langium takes the one at the top of node_modules: two
// copies of `ResponseError` then end up in the server, and the connection, checking
// `instanceof` against its own, sends Langium's errors as results
// (`{"result":{"code":-32800}}` for a cancelled request). The installed copies differ by
// bug fixes only; the one at the workspace root is the newer.
import { fileURLToPath } from 'node:url';

/** Packages that must exist once in a bundle: their classes are compared with `instanceof`. */
export const SINGLE_COPY_PACKAGES = ['vscode-jsonrpc', 'vscode-languageserver-protocol', 'vscode-languageserver-types'];

const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));

export function singleCopyPlugin() {
    const pattern = new RegExp(`^(${SINGLE_COPY_PACKAGES.join('|').replace(/[-/]/g, '\\$&')})(/.*)?$`);
    return {
        name: 'single-copy',
        setup(build) {
            build.onResolve({ filter: pattern }, async args => {
                if (args.pluginData?.singleCopy) {
                    return undefined;
                }
                // Resolved as if imported from the workspace root: the package's `exports` still
                // apply, and so does esbuild's choice of entry point.
                return build.resolve(args.path, {
                    kind: args.kind,
                    resolveDir: workspaceRoot,
                    importer: args.importer,
                    pluginData: { singleCopy: true }
                });
            });
        }
    };
}
