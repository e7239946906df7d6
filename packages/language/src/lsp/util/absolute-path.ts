/** An absolute path rather than a URI (`/home/…`, `C:\…`): what an editor's script most easily gives where a URI is asked for. */
export function isAbsolutePath(text: string): boolean {
    return text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text);
}
