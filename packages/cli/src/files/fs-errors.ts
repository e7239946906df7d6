/**
 * Node's file-system errors in words a user understands (`no such file` rather than
 * `ENOENT: no such file or directory, open '…'`, which repeats the path and leaks the syscall).
 */
const REASONS: Record<string, string> = {
    ENOENT: 'no such file',
    ENOTDIR: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'name too long',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
    ENXIO: 'no such device or address'
};

export function describeFsError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code && REASONS[code]) {
        return REASONS[code];
    }
    // Node's own wording without the code and the syscall: `ENXIO: no such device or address, open '…'`.
    const message = error instanceof Error ? error.message : String(error);
    const words = /^[A-Z]+: ([^,]+)/.exec(message)?.[1];
    return words ?? (code ? code.toLowerCase() : message);
}
