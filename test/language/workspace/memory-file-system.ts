/**
 * A file system held in memory, for tests of the language server's workspace: the files a
 * test writes are what the server reads from "disk" for the files not open in the editor.
 */
import { URI, UriUtils, type FileSystemNode, type FileSystemProvider } from 'langium';

export class MemoryFileSystem implements FileSystemProvider {
    readonly files = new Map<string, string>();

    write(uri: string, text: string): void {
        this.files.set(URI.parse(uri).toString(), text);
    }

    statSync(uri: URI): FileSystemNode {
        const key = uri.toString();
        if (this.files.has(key)) return { isFile: true, isDirectory: false, uri };
        if (this.isFolder(key)) return { isFile: false, isDirectory: true, uri };
        throw new Error(`No such file: ${key}`);
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }

    existsSync(uri: URI): boolean {
        const key = uri.toString();
        return this.files.has(key) || this.isFolder(key);
    }

    async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    readFileSync(uri: URI): string {
        const text = this.files.get(uri.toString());
        if (text === undefined) throw new Error(`No such file: ${uri.toString()}`);
        return text;
    }

    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        return new TextEncoder().encode(this.readFileSync(uri));
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        const prefix = `${uri.toString().replace(/\/$/, '')}/`;
        const children = new Map<string, FileSystemNode>();
        for (const key of this.files.keys()) {
            if (!key.startsWith(prefix)) continue;
            const [first, ...more] = key.slice(prefix.length).split('/');
            const child = UriUtils.joinPath(uri, first);
            children.set(first, { isFile: more.length === 0, isDirectory: more.length > 0, uri: child });
        }
        return [...children.values()];
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.readDirectorySync(uri);
    }

    private isFolder(key: string): boolean {
        const prefix = `${key.replace(/\/$/, '')}/`;
        return [...this.files.keys()].some(file => file.startsWith(prefix));
    }
}
